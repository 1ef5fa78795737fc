package io.configvault.vault.api;

import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceSeen;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * An enrolled appliance as the API shows it: identity, key fingerprint and its last sign of life
 * (null until a snapshot or heartbeat of it was ingested). Never the key itself.
 *
 * @param lastSeenAt     the signed time of its newest verified snapshot or heartbeat
 * @param lastSnapshotId the snapshot that event is or vouches for
 */
@Serdeable
public record ApplianceView(String id, String fleet, String fingerprint, String enrolledAt,
                            @Nullable String lastSeenAt, @Nullable String lastSnapshotId) {

    static ApplianceView of(Appliance appliance, Optional<ApplianceSeen> seen) {
        return new ApplianceView(appliance.id(), appliance.fleet(), appliance.fingerprint(),
                appliance.enrolledAt().toString(),
                seen.map(s -> s.lastSeenAt().toString()).orElse(null),
                seen.map(s -> s.lastSnapshotId().toString()).orElse(null));
    }
}
