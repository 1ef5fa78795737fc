package io.configvault.vault.retention;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The calendar periods of the {@code keep-<period>} rules, on local wall-clock time. A period is
 * a number (its key) computed from a snapshot's local epoch second (epoch second plus the zone's
 * offset at that instant), and written as a label only for the reasons of kept snapshots. Two
 * snapshots are in the same period exactly when their keys, and so their labels, are equal.
 *
 * <p>Keys are monotone in local time, so within one zone they never decrease as capture time
 * increases: the hour repeated when the clocks fall back is one hour period, an hour skipped when
 * they spring forward has no snapshot.
 */
enum CalendarPeriod {
    /** {@code 2026-11-21T14}. */
    HOUR("hourly"),
    /** {@code 2026-11-21}. */
    DAY("daily"),
    /** {@code 2026-W47}: ISO weeks, Monday first, in the week-based year. */
    WEEK("weekly"),
    /** {@code 2026-11}. */
    MONTH("monthly"),
    /** {@code 2026}. */
    YEAR("yearly");

    private static final long SECONDS_PER_HOUR = 3_600;
    private static final long SECONDS_PER_DAY = 86_400;

    private final String adjective;

    CalendarPeriod(String adjective) {
        this.adjective = adjective;
    }

    /** How rule names spell the period: {@code hourly}, {@code daily}, ... */
    String adjective() {
        return adjective;
    }

    /** The period holding a local epoch second. */
    long key(long localSecond) {
        long day = Math.floorDiv(localSecond, SECONDS_PER_DAY);
        return switch (this) {
            case HOUR -> Math.floorDiv(localSecond, SECONDS_PER_HOUR);
            case DAY -> day;
            // 1970-01-01 was a Thursday: three days after a Monday.
            case WEEK -> day - Math.floorMod(day + 3, 7);
            case MONTH -> {
                LocalDate date = LocalDate.ofEpochDay(day);
                yield date.getYear() * 12L + date.getMonthValue() - 1;
            }
            case YEAR -> LocalDate.ofEpochDay(day).getYear();
        };
    }

    /** The label of a period key, as reasons show it. */
    String label(long key) {
        return switch (this) {
            case HOUR -> LocalDate.ofEpochDay(Math.floorDiv(key, 24)) + String.format(Locale.ROOT,
                    "T%02d", Math.floorMod(key, 24));
            case DAY -> LocalDate.ofEpochDay(key).toString();
            case WEEK -> {
                LocalDate monday = LocalDate.ofEpochDay(key);
                yield String.format(Locale.ROOT, "%d-W%02d",
                        monday.get(IsoFields.WEEK_BASED_YEAR),
                        monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            case MONTH -> YearMonth.of(Math.toIntExact(Math.floorDiv(key, 12)),
                    Math.floorMod(key, 12) + 1).toString();
            case YEAR -> Long.toString(key);
        };
    }
}
