package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's record of restore drills, and the questions the sampler asks it. Kept beside
 * {@link Catalog} (same file, same implementations) so that ingest does not see it.
 *
 * <p>Contract: {@link #recordVerification} appends — the history is kept, and the verification
 * recorded last for a snapshot is its latest, whatever the times say. A snapshot's <em>due
 * time</em> is the time of its latest verification, or its {@code storedAt} when it was never
 * verified; the sampler verifies the earliest due first, so that a snapshot stored or verified at
 * {@code t} waits only for those due before {@code t}. Every question about snapshots counts live
 * ones only (not tombstoned by the prune pass). Times are kept to the millisecond. Every
 * method throws {@link CatalogException} when the underlying store fails. Thread-safe.
 */
public interface VerificationLog {

    /** Appends a verification; the snapshot is expected to be in the catalog. */
    void recordVerification(Verification verification) throws CatalogException;

    /** The verification recorded last for the snapshot, if any. */
    Optional<Verification> latestVerification(SnapshotId snapshotId) throws CatalogException;

    /** At most {@code limit} snapshots, earliest due time first (ties by snapshot id). */
    List<SnapshotRecord> dueForVerification(int limit) throws CatalogException;

    /**
     * Each appliance's newest snapshot (by capture time, as {@link Catalog#snapshots} lists them)
     * that was never verified or whose latest verification is before {@code since}; at most
     * {@code limit}, by appliance id.
     */
    List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit)
            throws CatalogException;

    /** How many snapshots the catalog holds. */
    long snapshotCount() throws CatalogException;

    /** How many snapshots in the catalog have a latest verification that failed. */
    long failingVerificationCount() throws CatalogException;
}
