package io.configvault.shared.snapshot;

import java.util.regex.Pattern;

/** Validation of the names that end up in object keys, headers and URLs. */
public final class Identifiers {

    /** Appliance ids and fleet names: lower-case letters, digits, '.', '_', '-'; 1 to 63 chars. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Identifiers() {
    }

    /**
     * Checks an appliance id or fleet name.
     *
     * @throws IllegalArgumentException naming the kind of identifier and why it is refused
     */
    public static String requireName(String kind, String value) {
        if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("Invalid " + kind + " " + printable(value)
                    + ": use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        return value;
    }

    /** True when {@code value} is a valid appliance id or fleet name. */
    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches() && !value.contains("..");
    }

    /** A short, quoted, control-character-free rendering of untrusted input for messages. */
    public static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            // C0 and C1 controls and the Unicode line breaks: none may start a new log line.
            boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            out.append(unsafe ? '?' : c);
        }
        if (value.length() > limit) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.append('\'').toString();
    }
}
