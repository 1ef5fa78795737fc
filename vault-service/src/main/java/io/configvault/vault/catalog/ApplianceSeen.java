package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Objects;

/**
 * The last sign of life of an appliance: the newest verified event (snapshot or heartbeat) the
 * vault has ingested from it.
 *
 * @param lastSeenAt     the signed time of that event (a snapshot's capture time, a heartbeat's
 *                       {@code at}), never later than the vault's clock when it was ingested;
 *                       millisecond precision
 * @param lastSnapshotId the snapshot the event is (snapshot) or vouches for (heartbeat)
 * @param contentDigest  that snapshot's content digest
 */
public record ApplianceSeen(String applianceId, Instant lastSeenAt, SnapshotId lastSnapshotId,
                            String contentDigest) {

    public ApplianceSeen {
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(lastSnapshotId, "lastSnapshotId");
        Objects.requireNonNull(contentDigest, "contentDigest");
    }
}
