package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the fleet view needs beyond {@link Catalog}: pages of enrolled appliances, each
 * appliance's last refused event and agent version, filtered pages of its snapshots, and the
 * manifest entries of each stored snapshot. Kept beside {@link Catalog} (same file, same
 * implementations).
 *
 * <p>Contract: {@link #recordRefusal} keeps only the latest refusal per appliance, and only for
 * an enrolled appliance (an event naming an unknown id records nothing, so it cannot grow the
 * table). {@link #recordAgent} moves forward only, by the signed time of the event.
 * {@link #putManifest} is idempotent: a manifest already recorded for the id is kept. Reads of
 * snapshots see live rows only. Times are kept to the millisecond. Every method throws
 * {@link CatalogException} when the underlying store fails. Thread-safe.
 */
public interface FleetCatalog {

    /**
     * Enrolled appliances by id, after {@code afterId} (null: from the first), in
     * {@code fleets} (null: every fleet), at most {@code limit}.
     */
    List<Appliance> appliances(@Nullable String afterId, @Nullable Set<String> fleets, int limit)
            throws CatalogException;

    /** @return false when the appliance is not enrolled (nothing recorded) */
    boolean recordRefusal(ApplianceError error) throws CatalogException;

    Optional<ApplianceError> lastRefusal(String applianceId) throws CatalogException;

    /**
     * Records the agent version an event of the appliance names, when the event's signed time is
     * later than the one recorded.
     */
    void recordAgent(String applianceId, Instant signedAt, String agentVersion)
            throws CatalogException;

    /** The agent version of the appliance's newest event, if any was recorded. */
    Optional<String> agentVersion(String applianceId) throws CatalogException;

    /** The appliance's live snapshots that match, newest capture first, at most {@code limit}. */
    List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter filter, int limit)
            throws CatalogException;

    /**
     * Records the manifest of a snapshot, before or with its row; idempotent. Rows of a
     * snapshot that never gets its row are harmless: nothing reads them.
     */
    void putManifest(SnapshotId snapshotId, StoredManifest manifest) throws CatalogException;

    /**
     * The manifest recorded for a snapshot; empty for snapshots stored before the catalog kept
     * manifests or rebuilt from the bucket (the object has it).
     */
    Optional<StoredManifest> manifest(SnapshotId snapshotId) throws CatalogException;
}
