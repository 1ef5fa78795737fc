package io.configvault.vault.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar duration as restic writes it: {@code 2y6m}, {@code 30d}, {@code 1y2m3d4h}. Years,
 * months and days are calendar units in a time zone (a day across a DST change is 23 or 25
 * hours), hours are elapsed hours. Subtracting applies years, months, days, then hours.
 */
public record RetentionDuration(int years, int months, int days, int hours) {

    private static final Pattern SYNTAX =
            Pattern.compile("(?:(\\d{1,4})y)?(?:(\\d{1,5})m)?(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?");

    public RetentionDuration {
        if (years < 0 || months < 0 || days < 0 || hours < 0) {
            throw new IllegalArgumentException("a duration has no negative parts");
        }
    }

    /**
     * Parses {@code <n>y<n>m<n>d<n>h}, each part optional but at least one present, in that
     * order.
     *
     * @throws IllegalArgumentException naming the expected form (never echoing long input)
     */
    public static RetentionDuration parse(String text) {
        Matcher m = text == null || text.length() > 32 ? null : SYNTAX.matcher(text);
        if (m == null || text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("a duration is written like 30d, 12h, 6m or"
                    + " 1y2m3d4h (years, months, days, hours, in that order)");
        }
        return new RetentionDuration(part(m, 1), part(m, 2), part(m, 3), part(m, 4));
    }

    private static int part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }

    public boolean isZero() {
        return years == 0 && months == 0 && days == 0 && hours == 0;
    }

    /** {@code from} minus this duration, calendar parts counted in {@code zone}. */
    public Instant before(Instant from, ZoneId zone) {
        ZonedDateTime local = from.atZone(zone).minusYears(years).minusMonths(months)
                .minusDays(days);
        return local.toInstant().minusSeconds(3600L * hours);
    }

    /** {@code from} plus this duration, calendar parts counted in {@code zone}. */
    public Instant after(Instant from, ZoneId zone) {
        ZonedDateTime local = from.atZone(zone).plusYears(years).plusMonths(months)
                .plusDays(days);
        return local.toInstant().plusSeconds(3600L * hours);
    }

    @Override
    public String toString() {
        if (isZero()) {
            return "0h";
        }
        StringBuilder text = new StringBuilder();
        if (years > 0) {
            text.append(years).append('y');
        }
        if (months > 0) {
            text.append(months).append('m');
        }
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        return text.toString();
    }
}
