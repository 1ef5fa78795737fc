package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link PruneCatalog} that forwards every call to {@link #pruneCatalog()}: how {@link
 * SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role implements
 * it.
 */
interface ForwardingPruneCatalog extends PruneCatalog {

    /** The part that implements {@link PruneCatalog}. */
    PruneCatalog pruneCatalog();

    @Override
    default List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId, int limit)
            throws CatalogException {
        return pruneCatalog().appliancesWithSnapshots(afterId, limit);
    }

    @Override
    default List<Candidate> candidates(String applianceId) throws CatalogException {
        return pruneCatalog().candidates(applianceId);
    }

    @Override
    default List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at)
            throws CatalogException {
        return pruneCatalog().tombstone(deletions, at);
    }

    @Override
    default List<SnapshotRecord> tombstoned(int limit) throws CatalogException {
        return pruneCatalog().tombstoned(limit);
    }

    @Override
    default int purge(List<SnapshotId> ids) throws CatalogException {
        return pruneCatalog().purge(ids);
    }

    @Override
    default Optional<Instant> newestStoredAt() throws CatalogException {
        return pruneCatalog().newestStoredAt();
    }

    @Override
    default Optional<Instant> lastPassAt() throws CatalogException {
        return pruneCatalog().lastPassAt();
    }

    @Override
    default void recordPass(Instant startedAt) throws CatalogException {
        pruneCatalog().recordPass(startedAt);
    }
}
