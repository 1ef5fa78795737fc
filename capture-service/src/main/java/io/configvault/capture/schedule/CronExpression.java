package io.configvault.capture.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) and the fire
 * times it describes in a time zone. Immutable and thread-safe.
 *
 * <p>Each field is {@code *}, a number, a range {@code a-b}, a step {@code *}{@code /n},
 * {@code a-b/n} or {@code a/n} (from {@code a} to the field's maximum), or a comma-separated
 * list of these. Months may be written {@code JAN}-{@code DEC}, days of the week
 * {@code SUN}-{@code SAT} (case-insensitive); day of week 0 and 7 are both Sunday. As in Vixie
 * cron, when both day fields are restricted (neither starts with {@code *}) a day matches if
 * <em>either</em> matches; otherwise both must.
 *
 * <p>Fire times are local date-times in the zone, mapped to instants by one rule that keeps
 * every run single across daylight-saving changes:
 * <ul>
 *   <li>a local time that does not exist (skipped by a spring-forward gap) fires at the instant
 *       the gap ends (02:30 on a day that jumps from 02:00 to 03:00 fires at 03:00); several
 *       skipped fire times collapse into that one run;</li>
 *   <li>a local time that occurs twice (fall-back overlap) fires once, at its first
 *       occurrence.</li>
 * </ul>
 * Micronaut's own {@code CronExpression} is not used: it has a seconds field, and in
 * Europe/Berlin it skips 02:30 on the spring-forward day altogether and fires it twice on the
 * fall-back day.
 */
public final class CronExpression {

    /** One full Gregorian cycle: calendar and weekdays repeat after this many days. */
    private static final int GREGORIAN_CYCLE_DAYS = 146_097;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean eitherDay;

    private CronExpression(String text, long minutes, long hours, long daysOfMonth, long months,
                           long daysOfWeek, boolean eitherDay) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.eitherDay = eitherDay;
    }

    /**
     * @throws IllegalArgumentException with a message naming the field and the problem, e.g.
     *                                  "hour 25 is out of range 0-23"
     */
    public static CronExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        String text = expression.strip();
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month"
                    + " day-of-week), found " + fields.length + (fields.length > 5
                    ? "; seconds and years are not supported" : ""));
        }
        long minutes = CronField.MINUTE.parse(fields[0]);
        long hours = CronField.HOUR.parse(fields[1]);
        long daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2]);
        long months = CronField.MONTH.parse(fields[3]);
        long daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[4]);
        if ((daysOfWeek & (1L << 7)) != 0) {
            daysOfWeek = (daysOfWeek | 1L) & ~(1L << 7);
        }
        boolean eitherDay = !fields[2].startsWith("*") && !fields[4].startsWith("*");
        CronExpression cron = new CronExpression(text, minutes, hours, daysOfMonth, months,
                daysOfWeek, eitherDay);
        if (cron.firstDayFrom(LocalDate.of(2000, 1, 1)) == null) {
            throw new IllegalArgumentException("it never fires: no date matches day-of-month '"
                    + fields[2] + "', month '" + fields[3] + "' and day-of-week '" + fields[4]
                    + "'");
        }
        return cron;
    }

    /**
     * The first fire time strictly after {@code after}, in {@code zone}, under the
     * daylight-saving rule of the class comment.
     */
    public Instant nextAfter(Instant after, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        // Every local time before after's own maps to an instant no later than after (fire
        // instants never decrease as local time increases), so the search starts there and
        // walks on while overlap repeats keep mapping to the past.
        LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
        while (true) {
            local = firstAtOrAfter(local);
            Instant fire = instant(local, rules);
            if (fire.isAfter(after)) {
                return fire;
            }
            local = local.plusMinutes(1);
        }
    }

    /** The first matching local minute at or after {@code from} (seconds ignored). */
    LocalDateTime firstAtOrAfter(LocalDateTime from) {
        LocalDate date = from.toLocalDate();
        int minuteOfDay = from.getHour() * 60 + from.getMinute();
        while (true) {
            LocalDate day = firstDayFrom(date);
            if (day == null) {
                throw new IllegalStateException("Cron expression '" + text + "' never fires");
            }
            int start = day.equals(date) ? minuteOfDay : 0;
            for (int hour = start / 60; hour < 24; hour++) {
                if (has(hours, hour)) {
                    int fromMinute = hour == start / 60 ? start % 60 : 0;
                    for (int minute = fromMinute; minute < 60; minute++) {
                        if (has(minutes, minute)) {
                            return day.atTime(hour, minute);
                        }
                    }
                }
            }
            date = day.plusDays(1);
            minuteOfDay = 0;
        }
    }

    /** The first matching day at or after {@code from} within one Gregorian cycle, or null. */
    private LocalDate firstDayFrom(LocalDate from) {
        LocalDate end = from.plusDays(GREGORIAN_CYCLE_DAYS);
        LocalDate date = from;
        while (date.isBefore(end)) {
            if (!has(months, date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
            } else if (dayMatches(date)) {
                return date;
            } else {
                date = date.plusDays(1);
            }
        }
        return null;
    }

    private boolean dayMatches(LocalDate date) {
        boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
        boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private static Instant instant(LocalDateTime local, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        // In an overlap the offset before the transition comes first: the earlier instant.
        return local.toInstant(offsets.getFirst());
    }

    private static boolean has(long set, int value) {
        return (set & (1L << value)) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronExpression cron && cron.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The expression as written (surrounding blanks removed). */
    @Override
    public String toString() {
        return text;
    }
}
