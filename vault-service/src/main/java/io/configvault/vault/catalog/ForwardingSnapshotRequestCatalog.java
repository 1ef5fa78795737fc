package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A {@link SnapshotRequestCatalog} that forwards every call to {@link #snapshotRequestCatalog()}:
 * how {@link SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role
 * implements it.
 */
interface ForwardingSnapshotRequestCatalog extends SnapshotRequestCatalog {

    /** The part that implements {@link SnapshotRequestCatalog}. */
    SnapshotRequestCatalog snapshotRequestCatalog();

    @Override
    default boolean addSnapshotRequest(SnapshotRequestRow row) throws CatalogException {
        return snapshotRequestCatalog().addSnapshotRequest(row);
    }

    @Override
    default boolean fulfil(SnapshotId requestId, String applianceId, SnapshotId snapshot,
                           Instant at) throws CatalogException {
        return snapshotRequestCatalog().fulfil(requestId, applianceId, snapshot, at);
    }

    @Override
    default List<SnapshotRequestRow> snapshotRequest(SnapshotId requestId,
                                                     @Nullable String afterAppliance, int limit)
            throws CatalogException {
        return snapshotRequestCatalog().snapshotRequest(requestId, afterAppliance, limit);
    }

    @Override
    default Progress snapshotRequestProgress(SnapshotId requestId) throws CatalogException {
        return snapshotRequestCatalog().snapshotRequestProgress(requestId);
    }

    @Override
    default List<String> fleetAppliances(String fleet, @Nullable String after, int limit)
            throws CatalogException {
        return snapshotRequestCatalog().fleetAppliances(fleet, after, limit);
    }
}
