package io.configvault.capture.outbox;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.util.Objects;

/**
 * What the outbox records about a snapshot (or heartbeat) besides its sealed file.
 *
 * @param kind          a snapshot or a heartbeat; both wait in the same ordered outbox
 * @param contentDigest the snapshot's content digest ({@link
 *                      io.configvault.shared.bundle.ContentDigest}), or null when unknown;
 *                      adding a snapshot remembers it as the last one (see
 *                      {@link Outbox#lastSnapshot()})
 */
public record NewSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger,
                          Instant createdAt, EventKind kind, String contentDigest) {

    /** A snapshot whose content digest is not known. */
    public NewSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger, Instant createdAt) {
        this(snapshotId, sequence, trigger, createdAt, EventKind.SNAPSHOT, null);
    }

    public NewSnapshot {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        if (contentDigest != null && !contentDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A content digest is lower-case hex SHA-256");
        }
    }
}
