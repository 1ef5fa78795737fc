package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link PruneCatalog} in the SQLite catalog ({@link PruneRows}). A tombstone's audit records are
 * written in its transaction, on the connection the audit log shares.
 */
final class SqlitePruning implements PruneCatalog {

    private final SqliteDatabase database;

    SqlitePruning(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId, int limit)
            throws CatalogException {
        return database.query("list the appliances with snapshots",
                c -> PruneRows.appliances(c, afterId, limit));
    }

    @Override
    public List<Candidate> candidates(String applianceId) throws CatalogException {
        return database.query("list the snapshots of " + applianceId + " for retention",
                c -> PruneRows.candidates(c, applianceId));
    }

    /** One transaction: every tombstone with its audit record, or none. */
    @Override
    public List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at)
            throws CatalogException {
        return database.inTransaction("tombstone " + deletions.size() + " snapshots",
                c -> PruneRows.tombstone(c, deletions, at));
    }

    @Override
    public List<SnapshotRecord> tombstoned(int limit) throws CatalogException {
        return database.query("list tombstoned snapshots", c -> PruneRows.tombstoned(c, limit));
    }

    @Override
    public int purge(List<SnapshotId> ids) throws CatalogException {
        return database.inTransaction("purge " + ids.size() + " tombstoned snapshots",
                c -> PruneRows.purge(c, ids));
    }

    @Override
    public Optional<Instant> newestStoredAt() throws CatalogException {
        return database.query("read the newest stored-at", PruneRows::newestStoredAt);
    }

    @Override
    public Optional<Instant> lastPassAt() throws CatalogException {
        return database.query("read the start of the last retention pass", PruneRows::lastPass);
    }

    @Override
    public void recordPass(Instant startedAt) throws CatalogException {
        database.run("record the start of a retention pass",
                c -> PruneRows.recordPass(c, startedAt));
    }
}
