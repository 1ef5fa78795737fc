package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;

/** An operator's hold on a snapshot: while it is there, no pass deletes the snapshot. */
public record Hold(SnapshotId snapshotId, String reason, String heldBy, Instant heldAt) {
}
