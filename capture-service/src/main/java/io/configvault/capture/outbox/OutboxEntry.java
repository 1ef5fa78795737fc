package io.configvault.capture.outbox;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A snapshot (or heartbeat) in the outbox.
 *
 * @param sealedBytes  size of the spool file when it was added
 * @param sealedSha256 its SHA-256 when it was added: the publisher checks the file against both
 * @param spoolFile    where the sealed message is
 * @param kind         what the sealed message is, and so how it is published
 */
public record OutboxEntry(SnapshotId snapshotId, long sequence, Trigger trigger,
                          Instant createdAt, long sealedBytes, String sealedSha256,
                          Path spoolFile, EventKind kind) {

    /** An entry holding a snapshot. */
    public OutboxEntry(SnapshotId snapshotId, long sequence, Trigger trigger, Instant createdAt,
                       long sealedBytes, String sealedSha256, Path spoolFile) {
        this(snapshotId, sequence, trigger, createdAt, sealedBytes, sealedSha256, spoolFile,
                EventKind.SNAPSHOT);
    }
}
