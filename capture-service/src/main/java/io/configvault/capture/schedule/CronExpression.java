package io.configvault.capture.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;

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
        long minutes = Field.MINUTE.parse(fields[0]);
        long hours = Field.HOUR.parse(fields[1]);
        long daysOfMonth = Field.DAY_OF_MONTH.parse(fields[2]);
        long months = Field.MONTH.parse(fields[3]);
        long daysOfWeek = Field.DAY_OF_WEEK.parse(fields[4]);
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

    /** The five fields: their ranges and names. */
    private enum Field {
        MINUTE("minute", 0, 59, List.of()),
        HOUR("hour", 0, 23, List.of()),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
        MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                "SEP", "OCT", "NOV", "DEC")),
        DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI",
                "SAT"));

        private final String label;
        private final int min;
        private final int max;
        /** Names in order; the first stands for {@link #min}. */
        private final List<String> names;

        Field(String label, int min, int max, List<String> names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }

        long parse(String field) {
            long set = 0;
            for (String part : field.split(",", -1)) {
                set |= parsePart(part, field);
            }
            return set;
        }

        private long parsePart(String part, String field) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException(label + " field '" + field
                        + "' has an empty list element");
            }
            int slash = part.indexOf('/');
            String range = slash < 0 ? part : part.substring(0, slash);
            int step = slash < 0 ? 1 : step(part.substring(slash + 1), field);
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = value(dash < 0 ? range : range.substring(0, dash), field);
                to = dash < 0 ? (slash < 0 ? from : max) : value(range.substring(dash + 1), field);
                if (to < from) {
                    throw new IllegalArgumentException(label + " range '" + range
                            + "' runs backwards");
                }
            }
            long set = 0;
            for (int value = from; value <= to; value += step) {
                set |= 1L << value;
            }
            return set;
        }

        private int step(String text, String field) {
            if (!text.matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException(label + " field '" + field + "' has step '"
                        + text + "'; a step is a number from 1 to " + (max - min + 1));
            }
            int step = Integer.parseInt(text);
            if (step < 1 || step > max - min + 1) {
                throw new IllegalArgumentException(label + " step " + step + " is out of range 1-"
                        + (max - min + 1));
            }
            return step;
        }

        private int value(String text, String field) {
            int named = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return min + named;
            }
            if (!text.matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException(label + " field '" + field + "' contains '"
                        + text + "', which is not a " + (names.isEmpty() ? "number"
                        : "number or name (" + names.getFirst() + "-" + names.getLast() + ")"));
            }
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(label + " " + value + " is out of range "
                        + min + "-" + max);
            }
            return value;
        }
    }
}
