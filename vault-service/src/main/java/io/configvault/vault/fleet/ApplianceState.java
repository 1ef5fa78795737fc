package io.configvault.vault.fleet;

import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * An appliance as the fleet view sees it at one moment.
 *
 * @param seen           its last sign of life as ingested, null when none was recorded
 * @param lastSeen       its last snapshot or heartbeat (signed time), null when none; also the
 *                       newest snapshot's capture when later (a catalog rebuilt from the bucket
 *                       has rows but no sightings)
 * @param newestSnapshot its newest live snapshot by capture time, null when none
 * @param newestDrill    the latest restore drill of that snapshot, null when none
 * @param lastError      its last refused event, null when none
 * @param agentVersion   the agent version its newest event named, null when unknown
 */
public record ApplianceState(Appliance appliance, @Nullable ApplianceSeen seen,
                             @Nullable Instant lastSeen,
                             @Nullable SnapshotRecord newestSnapshot,
                             @Nullable Verification newestDrill,
                             @Nullable ApplianceError lastError,
                             @Nullable String agentVersion, ApplianceStatus status) {
}
