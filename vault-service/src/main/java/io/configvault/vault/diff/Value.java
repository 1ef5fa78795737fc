package io.configvault.vault.diff;

import io.configvault.shared.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One SQLite value as the diff keeps it. Key values are whole (the merge join orders by them);
 * other values are summarised as they are read, so that what the diff retains stays small: text
 * over {@value #MAX_TEXT_CHARS} characters keeps its first characters, its length and the SHA-256
 * of the whole; a blob keeps only its size and SHA-256. Two summaries are equal exactly when the
 * values are (up to SHA-256 collisions).
 */
public sealed interface Value {

    /** Text longer than this is cut when shown (and summarised when it is not a key). */
    int MAX_TEXT_CHARS = 256;

    /** SQL NULL. */
    record Null() implements Value {
    }

    /** An INTEGER. */
    record Int(long value) implements Value {
    }

    /** A REAL. */
    record Real(double value) implements Value {
    }

    /**
     * TEXT.
     *
     * @param text   the whole text, or its first {@value #MAX_TEXT_CHARS} characters when
     *               {@code sha256} is set
     * @param length the whole text's length in characters
     * @param sha256 SHA-256 of the whole text's UTF-8 bytes when it was cut, else null
     */
    record Text(String text, int length, String sha256) implements Value {
        public boolean cut() {
            return sha256 != null;
        }
    }

    /**
     * A BLOB, never kept or shown as bytes.
     *
     * @param hex the whole blob in lower-case hex when it is a key value (its order is the
     *            bytes' order), else null
     */
    record Blob(long size, String sha256, String hex) implements Value {
    }

    /**
     * A value read through JDBC ({@code Long}, {@code Integer}, {@code Double}, {@code String},
     * {@code byte[]} or null) from a non-key column: long text and blobs summarised.
     */
    static Value cell(Object value) {
        return switch (value) {
            case null -> new Null();
            case Long l -> new Int(l);
            case Integer i -> new Int(i);
            case Double d -> new Real(d);
            case String s when s.length() > MAX_TEXT_CHARS -> new Text(prefix(s), s.length(),
                    Sha256.of(s.getBytes(StandardCharsets.UTF_8)));
            case String s -> new Text(s, s.length(), null);
            case byte[] b -> new Blob(b.length, Sha256.of(b), null);
            default -> throw new IllegalArgumentException("Unexpected SQLite value type "
                    + value.getClass().getSimpleName());
        };
    }

    /** A value read through JDBC from a key column: kept whole. */
    static Value key(Object value) {
        return switch (value) {
            case null -> new Null();
            case String s -> new Text(s, s.length(), null);
            case byte[] b -> new Blob(b.length, Sha256.of(b), HexFormat.of().formatHex(b));
            default -> cell(value);
        };
    }

    /** The first {@value #MAX_TEXT_CHARS} characters, never half a surrogate pair. */
    private static String prefix(String s) {
        int end = Character.isHighSurrogate(s.charAt(MAX_TEXT_CHARS - 1))
                ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
        return s.substring(0, end);
    }
}
