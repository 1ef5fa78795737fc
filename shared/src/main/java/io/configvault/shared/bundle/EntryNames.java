package io.configvault.shared.bundle;

import io.configvault.shared.snapshot.Identifiers;

/**
 * Rules for entry names, enforced on both sides: a name is a relative path of '/'-separated
 * segments, each non-empty and neither '.' nor '..', without backslashes or control characters,
 * at most 255 characters, and never the reserved {@value #MANIFEST}. So an entry can never be
 * written outside the directory a restore extracts into.
 */
public final class EntryNames {

    /** Name of the first entry of every bundle. */
    public static final String MANIFEST = "manifest.json";
    static final int MAX_LENGTH = 255;

    private EntryNames() {
    }

    /** Returns null when the name is acceptable, else the reason it is not. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "empty name";
        }
        if (name.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (name.equals(MANIFEST)) {
            return "reserved name";
        }
        if (name.startsWith("/")) {
            return "absolute path";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "control character";
            }
            if (c == '\\' || c == ':') {
                return "character '" + c + "' is not allowed";
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "empty, '.' or '..' path segment";
            }
        }
        return null;
    }

    /**
     * @throws IllegalArgumentException "Invalid entry name '...': reason"
     */
    public static String require(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(
                    "Invalid entry name " + Identifiers.printable(name) + ": " + problem);
        }
        return name;
    }
}
