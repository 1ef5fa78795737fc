package io.configvault.shared.snapshot;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A snapshot id: a UUID version 7 (time-ordered, RFC 9562) in its canonical lower-case form.
 * Ids are minted once on the appliance and never change, so a republished snapshot keeps its id
 * and the vault's deterministic object key.
 */
public record SnapshotId(UUID uuid) implements Comparable<SnapshotId> {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public SnapshotId {
        if (uuid == null || uuid.version() != 7) {
            throw new IllegalArgumentException("A snapshot id must be a UUID version 7");
        }
    }

    /** Mints a new id whose leading 48 bits are the clock's Unix time in milliseconds. */
    public static SnapshotId mint(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new SnapshotId(new UUID(msb, lsb));
    }

    /**
     * Parses the canonical form only (lower-case, hyphenated, version 7), so that ids taken from
     * requests or headers can never smuggle other characters.
     *
     * @throws IllegalArgumentException with a message that does not echo over-long input
     */
    public static SnapshotId parse(String text) {
        if (text == null || text.length() != 36 || !CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a snapshot id (expected a lower-case UUIDv7): "
                    + Identifiers.printable(text));
        }
        return new SnapshotId(UUID.fromString(text));
    }

    /** Milliseconds since the epoch embedded in the id. */
    public long unixMillis() {
        return uuid.getMostSignificantBits() >>> 16;
    }

    @Override
    public int compareTo(SnapshotId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return uuid.toString().toLowerCase(Locale.ROOT);
    }
}
