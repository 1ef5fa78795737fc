package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the prune pass reads and writes. Deletion is three steps, each durable before the next:
 * {@link #tombstone} (the row stays, hidden from every read of live snapshots), the object's
 * delete in the bucket, {@link #purge} (the row and what hangs on it go). A crash between any two
 * leaves tombstoned rows that the next pass finishes ({@link #tombstoned}). Implementations are
 * thread-safe; failures are {@link CatalogException}.
 */
public interface PruneCatalog {

    /** An appliance that has live snapshots, with the fleet of its newest one. */
    record ApplianceRef(String applianceId, String fleet) {
    }

    /**
     * Appliances with live snapshots, by id, after {@code afterId} (exclusive; null for the
     * first page), at most {@code limit}.
     */
    List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId, int limit)
            throws CatalogException;

    /** The appliance's live snapshots, with hold, latest-verification and lock facts. */
    List<Candidate> candidates(String applianceId) throws CatalogException;

    /**
     * Tombstones the given live snapshots, skipping any that are held (checked in the same
     * transaction).
     *
     * @return the ids actually tombstoned
     */
    List<SnapshotId> tombstone(List<SnapshotId> ids, Instant at) throws CatalogException;

    /** Tombstoned rows (their objects may or may not be deleted yet), oldest tombstone first. */
    List<SnapshotRecord> tombstoned(int limit) throws CatalogException;

    /**
     * Removes a tombstoned row and what hangs on it (verifications, hold). A live row is left
     * alone.
     *
     * @return false when there was no tombstoned row with this id
     */
    boolean purge(SnapshotId id) throws CatalogException;

    /** The latest stored-at of any row (live or tombstoned), if any. */
    Optional<Instant> newestStoredAt() throws CatalogException;

    /** When the last pass that deleted (or could have deleted) started, if any did. */
    Optional<Instant> lastPassAt() throws CatalogException;

    /** Records the start of a pass; it only moves forward. */
    void recordPass(Instant startedAt) throws CatalogException;
}
