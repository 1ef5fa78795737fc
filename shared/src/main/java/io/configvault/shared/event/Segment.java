package io.configvault.shared.event;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import java.util.Objects;

/**
 * One slice of a sealed snapshot. Segment {@code index} (0-based) of {@code count} carries bytes
 * {@code [index * segmentSize, ...)} of the sealed OpenPGP message, whose total length and
 * SHA-256 every segment repeats, so the vault can check the reassembled message before it
 * decrypts a byte of it.
 *
 * <p>The header fields are plaintext on the bus: they hold identities and sizes only. Everything
 * else (the manifest, trigger, content) is inside the sealed message.
 *
 * <p>A {@link EventKind#HEARTBEAT heartbeat} travels as a segment too: its only one, with the
 * heartbeat id in {@code snapshotId}.
 *
 * @param kind what the sealed message is; a heartbeat has exactly one segment
 */
public record Segment(String applianceId, SnapshotId snapshotId, int index, int count,
                      long sealedBytes, String sealedSha256, byte[] payload, EventKind kind) {

    /** A segment of a snapshot ({@link EventKind#SNAPSHOT}). */
    public Segment(String applianceId, SnapshotId snapshotId, int index, int count,
                   long sealedBytes, String sealedSha256, byte[] payload) {
        this(applianceId, snapshotId, index, count, sealedBytes, sealedSha256, payload,
                EventKind.SNAPSHOT);
    }

    public Segment {
        Identifiers.requireName("appliance id", applianceId);
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(payload, "payload");
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("Segment index " + index + " of " + count);
        }
        if (sealedBytes < 1) {
            throw new IllegalArgumentException("A sealed snapshot is never empty");
        }
        if (sealedSha256 == null || !sealedSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Segment needs the lower-case hex SHA-256");
        }
        Objects.requireNonNull(kind, "kind");
        if (kind == EventKind.HEARTBEAT && count != 1) {
            throw new IllegalArgumentException("A heartbeat is one segment, not " + count);
        }
    }

    public boolean isLast() {
        return index == count - 1;
    }
}
