package io.configvault.capture.outbox;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.util.Objects;

/** What the outbox records about a snapshot besides its sealed file. */
public record NewSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger,
                          Instant createdAt) {

    public NewSnapshot {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
