package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link FleetCatalog} in the SQLite catalog ({@link FleetRows}, and {@link SnapshotRows} for the
 * filtered pages).
 */
final class SqliteFleet implements FleetCatalog {

    private final SqliteDatabase database;

    SqliteFleet(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public List<Appliance> appliances(@Nullable String afterId, @Nullable Set<String> fleets,
                                      int limit) throws CatalogException {
        return database.query("list appliances",
                c -> FleetRows.appliances(c, afterId, fleets, limit));
    }

    @Override
    public boolean recordRefusal(ApplianceError error) throws CatalogException {
        return database.query("record a refused event of appliance " + error.applianceId(),
                c -> FleetRows.recordRefusal(c, error));
    }

    @Override
    public Optional<ApplianceError> lastRefusal(String applianceId) throws CatalogException {
        return database.query("read the last refused event of appliance " + applianceId,
                c -> FleetRows.lastRefusal(c, applianceId));
    }

    @Override
    public void recordAgent(String applianceId, Instant signedAt, String agentVersion)
            throws CatalogException {
        database.run("record the agent version of appliance " + applianceId,
                c -> FleetRows.recordAgent(c, applianceId, signedAt, agentVersion));
    }

    @Override
    public Optional<String> agentVersion(String applianceId) throws CatalogException {
        return database.query("read the agent version of appliance " + applianceId,
                c -> FleetRows.agentVersion(c, applianceId));
    }

    @Override
    public List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter filter, int limit)
            throws CatalogException {
        return database.query("list snapshots of " + applianceId,
                c -> SnapshotRows.filtered(c, applianceId, filter, limit));
    }

    /** One transaction: the manifest row with all its entries, or nothing. */
    @Override
    public void putManifest(SnapshotId snapshotId, StoredManifest manifest)
            throws CatalogException {
        database.inTransaction("record the manifest of snapshot " + snapshotId, c -> {
            FleetRows.putManifest(c, snapshotId, manifest);
            return null;
        });
    }

    @Override
    public Optional<StoredManifest> manifest(SnapshotId snapshotId) throws CatalogException {
        return database.query("read the manifest of snapshot " + snapshotId,
                c -> FleetRows.manifest(c, snapshotId));
    }
}
