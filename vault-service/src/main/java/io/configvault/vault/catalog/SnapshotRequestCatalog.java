package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Snapshot requests in the catalog (table {@code snapshot_requests}, one row per request and
 * appliance) and the appliance ids of a fleet they are sent to. Lists are pages in appliance id
 * order, so a fleet of any size is never read whole. Implementations are thread-safe; failures
 * are {@link CatalogException}.
 */
public interface SnapshotRequestCatalog {

    /** @return false when the row (request id and appliance) exists; nothing is written then */
    boolean addSnapshotRequest(SnapshotRequestRow row) throws CatalogException;

    /**
     * Marks the request's row of {@code applianceId} fulfilled by {@code snapshot}, unless it is
     * fulfilled already (the first snapshot wins; a redelivery or a second snapshot for the same
     * request changes nothing).
     *
     * @return true when a pending row was fulfilled now; false when there is no such row or it
     *         was fulfilled before
     */
    boolean fulfil(SnapshotId requestId, String applianceId, SnapshotId snapshot, Instant at)
            throws CatalogException;

    /** Up to {@code limit} rows of the request, by appliance id, after {@code afterAppliance}. */
    List<SnapshotRequestRow> snapshotRequest(SnapshotId requestId, @Nullable String afterAppliance,
                                             int limit) throws CatalogException;

    /** How many appliances the request went to, and how many of them it fulfilled: all rows. */
    Progress snapshotRequestProgress(SnapshotId requestId) throws CatalogException;

    /** A request's count of appliances and of those whose snapshot arrived. */
    record Progress(int appliances, int fulfilled) {
    }

    /** Up to {@code limit} enrolled appliance ids of {@code fleet}, in order, after one. */
    List<String> fleetAppliances(String fleet, @Nullable String after, int limit)
            throws CatalogException;
}
