package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.util.List;
import java.util.Optional;

/**
 * {@link PolicyCatalog} in the SQLite catalog: retention policies and holds ({@link PolicyRows}).
 */
final class SqlitePolicies implements PolicyCatalog {

    private final SqliteDatabase database;

    SqlitePolicies(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void putPolicy(StoredPolicy policy) throws CatalogException {
        database.run("set the retention policy of " + policy.scope().key(),
                c -> PolicyRows.put(c, policy));
    }

    @Override
    public Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException {
        return database.query("read the retention policy of " + scope.key(),
                c -> PolicyRows.select(c, scope));
    }

    @Override
    public List<StoredPolicy> policies() throws CatalogException {
        return database.query("list the retention policies", PolicyRows::all);
    }

    @Override
    public boolean deletePolicy(PolicyScope scope) throws CatalogException {
        return database.query("delete the retention policy of " + scope.key(),
                c -> PolicyRows.delete(c, scope));
    }

    @Override
    public boolean hold(Hold hold) throws CatalogException {
        return database.query("hold snapshot " + hold.snapshotId(), c -> PolicyRows.hold(c, hold));
    }

    @Override
    public boolean release(SnapshotId snapshot) throws CatalogException {
        return database.query("release the hold of snapshot " + snapshot,
                c -> PolicyRows.release(c, snapshot));
    }

    @Override
    public Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException {
        return database.query("read the hold of snapshot " + snapshot,
                c -> PolicyRows.holdOf(c, snapshot));
    }
}
