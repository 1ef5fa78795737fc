package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/** {@link SnapshotRequestCatalog} in the SQLite catalog ({@link SnapshotRequestRows}). */
final class SqliteSnapshotRequests implements SnapshotRequestCatalog {

    private final SqliteDatabase database;

    SqliteSnapshotRequests(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public boolean addSnapshotRequest(SnapshotRequestRow row) throws CatalogException {
        return database.query("record snapshot request " + row.requestId() + " for "
                + row.applianceId(), c -> SnapshotRequestRows.insert(c, row)) == 1;
    }

    @Override
    public boolean fulfil(SnapshotId requestId, String applianceId, SnapshotId snapshot,
                          Instant at) throws CatalogException {
        return database.query("mark snapshot request " + requestId + " of " + applianceId
                + " fulfilled", c -> SnapshotRequestRows.fulfil(c, requestId, applianceId,
                snapshot, at)) == 1;
    }

    @Override
    public List<SnapshotRequestRow> snapshotRequest(SnapshotId requestId,
                                                    @Nullable String afterAppliance, int limit)
            throws CatalogException {
        return database.query("read snapshot request " + requestId,
                c -> SnapshotRequestRows.select(c, requestId, afterAppliance, limit));
    }

    @Override
    public Progress snapshotRequestProgress(SnapshotId requestId) throws CatalogException {
        return database.query("count the progress of snapshot request " + requestId,
                c -> SnapshotRequestRows.progress(c, requestId));
    }

    @Override
    public List<String> fleetAppliances(String fleet, @Nullable String after, int limit)
            throws CatalogException {
        return database.query("list the appliances of fleet " + fleet,
                c -> SnapshotRequestRows.fleetAppliances(c, fleet, after, limit));
    }
}
