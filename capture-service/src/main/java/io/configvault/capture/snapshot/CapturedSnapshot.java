package io.configvault.capture.snapshot;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;

/**
 * A snapshot that is in the outbox — or, when the content had not changed, a heartbeat that is.
 *
 * @param sealedBytes size of the sealed message that will be published
 * @param kind        {@link EventKind#HEARTBEAT} when only a heartbeat was taken; its id is then
 *                    the heartbeat's
 */
public record CapturedSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger,
                               int entries, long sealedBytes, EventKind kind) {

    /** A full snapshot. */
    public CapturedSnapshot(SnapshotId snapshotId, long sequence, Trigger trigger, int entries,
                            long sealedBytes) {
        this(snapshotId, sequence, trigger, entries, sealedBytes, EventKind.SNAPSHOT);
    }
}
