package io.configvault.shared.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded mutations for fuzz tests: byte-level ({@link #mutate}) and, for parsers of text fields,
 * string-level ({@link #text}) with the edge values parsers tend to get wrong. Every choice comes
 * from the caller's {@link SplittableRandom}, so a seed reproduces a run exactly. Stateless.
 */
public final class Mutator {

    /** Strings that sit on the edges of what identifiers, numbers, names and dates allow. */
    public static final List<String> EDGE_STRINGS = List.of(
            "", " ", "0", "-0", "-1", "+1", "01", "00", "1e3", "0x10", "1.0", "NaN", "null",
            "true", "2147483647", "2147483648", "-2147483649", "4294967296",
            "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "..", ".", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/", "a\\b", "c:x",
            "manifest.json", "a\u0000b", "a\nb", "\t", "\u202e", "\ufeff", "é", "\uD83D\uDE00",
            "\uD800", "\u0130", "%2e%2e%2f", "A", "Z", "x".repeat(63), "x".repeat(64),
            "x".repeat(129), "x".repeat(256), "x".repeat(257), "x".repeat(4097),
            "1970-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
            "2026-11-22T03:45:00+01:00", "UTC", "Etc/GMT+14", "Europe/Nowhere", "GMT+25:00",
            "00000000-0000-0000-0000-000000000000", "01936F4E-8A00-7ABC-8DEF-0123456789AB",
            "01936f4e-8a00-4abc-8def-0123456789ab", "0".repeat(64), "A".repeat(64));

    private static final int[] EDGE_BYTES = {0x00, 0xFF, 0x7F, 0x80, 0xC0, 0xE0};

    private Mutator() {
    }

    /**
     * One random byte-level change: flip bits, set an edge byte, truncate, delete, insert or
     * overwrite a range. Never returns the argument itself; may return an equal copy.
     *
     * @param original not empty
     */
    public static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int position = random.nextInt(bytes.length);
        return switch (random.nextInt(6)) {
            case 0 -> { // flip bits in a few bytes
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) random.nextInt(1, 256);
                }
                yield bytes;
            }
            case 1 -> { // set a byte to an edge value
                bytes[position] = (byte) EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
                yield bytes;
            }
            case 2 -> Arrays.copyOf(bytes, position); // truncate
            case 3 -> { // delete a range
                int length = Math.min(random.nextInt(1, 64), bytes.length - position);
                byte[] shorter = new byte[bytes.length - length];
                System.arraycopy(bytes, 0, shorter, 0, position);
                System.arraycopy(bytes, position + length, shorter, position,
                        bytes.length - position - length);
                yield shorter;
            }
            case 4 -> { // insert random bytes
                byte[] inserted = new byte[random.nextInt(1, 64)];
                random.nextBytes(inserted);
                yield insert(bytes, position, inserted);
            }
            default -> { // overwrite a range with random bytes
                int length = Math.min(random.nextInt(1, 32), bytes.length - position);
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, bytes, position, length);
                yield bytes;
            }
        };
    }

    /** Like {@link #mutate}, but an empty input grows a few random bytes instead. */
    public static byte[] mutateAny(byte[] original, SplittableRandom random) {
        if (original.length == 0) {
            byte[] bytes = new byte[random.nextInt(1, 16)];
            random.nextBytes(bytes);
            return bytes;
        }
        return mutate(original, random);
    }

    /**
     * One random change to a text field: an edge string, a byte-level mutation of its UTF-8
     * (which may leave invalid UTF-8, decoded leniently), a changed case, a repeated or
     * truncated value, or one odd character inserted.
     */
    public static String text(String original, SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick(EDGE_STRINGS, random);
            case 2 -> new String(mutateAny(original.getBytes(StandardCharsets.UTF_8), random),
                    StandardCharsets.UTF_8);
            case 3 -> random.nextBoolean() ? original.toUpperCase(Locale.ROOT)
                    : original + original;
            case 4 -> original.substring(0, random.nextInt(original.length() + 1));
            default -> {
                int at = random.nextInt(original.length() + 1);
                String odd = pick(List.of("\u0000", "/", "..", "-", "\"", "\\", "\u00e9", "\uFFFD",
                        "\uD83D\uDE00", "9", "7", " "), random);
                yield original.substring(0, at) + odd + original.substring(at);
            }
        };
    }

    /** Raw bytes of a header or field: usually a mutated text, sometimes invalid UTF-8. */
    public static byte[] textBytes(byte[] original, SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return mutateAny(original, random);
        }
        return text(new String(original, StandardCharsets.UTF_8), random)
                .getBytes(StandardCharsets.UTF_8);
    }

    public static <T> T pick(List<T> choices, SplittableRandom random) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** {@code bytes} with {@code inserted} put in at {@code position}. */
    public static byte[] insert(byte[] bytes, int position, byte[] inserted) {
        byte[] longer = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, longer, 0, position);
        System.arraycopy(inserted, 0, longer, position, inserted.length);
        System.arraycopy(bytes, position, longer, position + inserted.length,
                bytes.length - position);
        return longer;
    }
}
