package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link FleetCatalog} that forwards every call to {@link #fleetCatalog()}: how {@link
 * SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role implements
 * it.
 */
interface ForwardingFleetCatalog extends FleetCatalog {

    /** The part that implements {@link FleetCatalog}. */
    FleetCatalog fleetCatalog();

    @Override
    default List<Appliance> appliances(@Nullable String afterId, @Nullable Set<String> fleets,
                                       int limit) throws CatalogException {
        return fleetCatalog().appliances(afterId, fleets, limit);
    }

    @Override
    default boolean recordRefusal(ApplianceError error) throws CatalogException {
        return fleetCatalog().recordRefusal(error);
    }

    @Override
    default Optional<ApplianceError> lastRefusal(String applianceId) throws CatalogException {
        return fleetCatalog().lastRefusal(applianceId);
    }

    @Override
    default void recordAgent(String applianceId, Instant signedAt, String agentVersion)
            throws CatalogException {
        fleetCatalog().recordAgent(applianceId, signedAt, agentVersion);
    }

    @Override
    default Optional<String> agentVersion(String applianceId) throws CatalogException {
        return fleetCatalog().agentVersion(applianceId);
    }

    @Override
    default List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter filter, int limit)
            throws CatalogException {
        return fleetCatalog().snapshots(applianceId, filter, limit);
    }

    @Override
    default void putManifest(SnapshotId snapshotId, StoredManifest manifest)
            throws CatalogException {
        fleetCatalog().putManifest(snapshotId, manifest);
    }

    @Override
    default Optional<StoredManifest> manifest(SnapshotId snapshotId) throws CatalogException {
        return fleetCatalog().manifest(snapshotId);
    }
}
