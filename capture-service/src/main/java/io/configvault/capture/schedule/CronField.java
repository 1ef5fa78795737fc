package io.configvault.capture.schedule;

import java.util.List;
import java.util.Locale;

/** The five fields of a cron expression: their ranges, names and syntax. */
enum CronField {
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

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    /**
     * The values a field's text selects, as a bit set (bit n = value n).
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
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
