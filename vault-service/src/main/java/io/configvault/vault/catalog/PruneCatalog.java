package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the prune pass reads and writes. Deletion is three steps, each durable before the next:
 * {@link #tombstone} (the row stays, hidden from every read of live snapshots, and the deletion
 * is in the audit log), the object's delete in the bucket, {@link #purge} (the row and what hangs
 * on it go). A crash between any two leaves tombstoned rows that the next pass finishes
 * ({@link #tombstoned}). Implementations are thread-safe; failures are {@link CatalogException}.
 */
public interface PruneCatalog {

    /** The audit action of a deletion. */
    String DELETE_ACTION = "snapshot.delete";

    /** An appliance that has live snapshots, with the fleet of its newest one. */
    record ApplianceRef(String applianceId, String fleet) {
    }

    /**
     * A snapshot the pass deletes, and what the audit log says about it.
     *
     * @param actor  who deletes ({@code retention}, or {@code retention (run by <name>)})
     * @param detail why: the appliance, the capture time, the policy that keeps it by no rule
     */
    record Deletion(SnapshotId id, String actor, String detail) {
    }

    /**
     * Appliances with live snapshots, by id, after {@code afterId} (exclusive; null for the
     * first page), at most {@code limit}.
     */
    List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId, int limit)
            throws CatalogException;

    /**
     * The appliance's live snapshots, newest capture first, with hold, latest-verification and
     * lock facts.
     */
    List<Candidate> candidates(String applianceId) throws CatalogException;

    /**
     * Tombstones the given live snapshots and, in the same transaction, appends a
     * {@value #DELETE_ACTION} record (outcome {@code ok}) per row tombstoned to the audit log.
     * Skips, in that transaction, any snapshot that is held, already tombstoned, unknown, or
     * locked (Object Lock retain-until after {@code at}).
     *
     * @return the rows actually tombstoned
     */
    List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at) throws CatalogException;

    /** Tombstoned rows (their objects may or may not be deleted yet), oldest tombstone first. */
    List<SnapshotRecord> tombstoned(int limit) throws CatalogException;

    /**
     * Removes tombstoned rows and what hangs on them (verifications, hold), in one transaction.
     * Live rows and unknown ids are left alone.
     *
     * @return how many rows were removed
     */
    int purge(List<SnapshotId> ids) throws CatalogException;

    /** The latest stored-at of any row (live or tombstoned), if any. */
    Optional<Instant> newestStoredAt() throws CatalogException;

    /** When the last pass that deleted (or could have deleted) started, if any did. */
    Optional<Instant> lastPassAt() throws CatalogException;

    /** Records the start of a pass; it only moves forward (an earlier time changes nothing). */
    void recordPass(Instant startedAt) throws CatalogException;
}
