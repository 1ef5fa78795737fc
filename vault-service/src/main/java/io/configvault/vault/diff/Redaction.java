package io.configvault.vault.diff;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which values a diff must not show: those of columns, or of whole tables, whose name matches
 * one of the glob patterns ({@code *} any run, {@code ?} one character; case-insensitive).
 * A key column that matches is redacted in the row keys too: a key is a value like any other,
 * and a sensitive value does not become harmless by being unique. Immutable, thread-safe.
 */
public final class Redaction {

    /** What a redacted value shows as. */
    public static final String REDACTED = "<redacted>";

    private final List<Pattern> patterns;

    public Redaction(List<String> globs) {
        this.patterns = globs.stream().map(Redaction::compile).toList();
    }

    /** True when the column's values must not be shown. */
    public boolean hides(String table, String column) {
        return matches(table) || matches(column);
    }

    private boolean matches(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(lower).matches());
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
