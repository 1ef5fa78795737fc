package io.configvault.capture.snapshot;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;

/**
 * A snapshot that is in the outbox.
 *
 * @param sealedBytes size of the sealed message that will be published
 */
public record CapturedSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger,
                               int entries, long sealedBytes) {
}
