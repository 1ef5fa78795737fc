package io.configvault.vault.catalog;

import java.nio.file.Path;

/**
 * {@link Catalog}, {@link VerificationLog}, {@link PolicyCatalog}, {@link PruneCatalog},
 * {@link AuditLog}, {@link ApiTokenCatalog}, {@link FleetCatalog} and
 * {@link SnapshotRequestCatalog} in one SQLite file: one part per role ({@link SqliteIndex},
 * {@link SqliteVerifications}, {@link SqlitePolicies}, {@link SqlitePruning},
 * {@link SqliteAuditLog}, {@link SqliteApiTokens}, {@link SqliteFleet},
 * {@link SqliteSnapshotRequests}), each reachable by its accessor, and every role's methods
 * forwarded to its part, so one object serves all eight. The parts share one
 * {@link SqliteDatabase}: one connection, serialised by one monitor (the vault's write rate is
 * one row per snapshot and one audit record per audited request), which is what the audit chain
 * and the transactions across parts' tables rely on. The SQL of each table lives beside it
 * ({@link SnapshotRows}, {@link ApplianceRows}, {@link TokenRows}, {@link VerificationRows},
 * {@link PolicyRows}, {@link PruneRows}, {@link AuditRows}, {@link ApiTokenRows},
 * {@link FleetRows}, {@link SnapshotRequestRows}); the schema is versioned by
 * {@link CatalogSchema}. Its {@link CatalogHealth} checks ({@link CatalogProbe}) ask the
 * database and its file.
 */
public final class SqliteCatalog implements ForwardingCatalog, ForwardingVerificationLog,
        ForwardingPolicyCatalog, ForwardingPruneCatalog, ForwardingAuditLog,
        ForwardingApiTokenCatalog, ForwardingFleetCatalog, ForwardingSnapshotRequestCatalog,
        CatalogHealth, AutoCloseable {

    private final SqliteDatabase database;
    private final Catalog index;
    private final VerificationLog verifications;
    private final PolicyCatalog policies;
    private final PruneCatalog pruning;
    private final AuditLog audit;
    private final ApiTokenCatalog apiTokens;
    private final FleetCatalog fleet;
    private final SnapshotRequestCatalog requests;
    private final Object fileKey;

    private SqliteCatalog(SqliteDatabase database) {
        this.database = database;
        this.fileKey = CatalogProbe.fileKey(database.file());
        this.index = new SqliteIndex(database);
        this.verifications = new SqliteVerifications(database);
        this.policies = new SqlitePolicies(database);
        this.pruning = new SqlitePruning(database);
        this.audit = new SqliteAuditLog(database);
        this.apiTokens = new SqliteApiTokens(database);
        this.fleet = new SqliteFleet(database);
        this.requests = new SqliteSnapshotRequests(database);
    }

    /** Opens (creating and migrating when needed) the catalog at {@code file}. */
    public static SqliteCatalog open(Path file) throws CatalogException {
        return new SqliteCatalog(SqliteDatabase.open(file));
    }

    @Override
    public Catalog index() {
        return index;
    }

    @Override
    public VerificationLog verificationLog() {
        return verifications;
    }

    @Override
    public PolicyCatalog policyCatalog() {
        return policies;
    }

    @Override
    public PruneCatalog pruneCatalog() {
        return pruning;
    }

    @Override
    public AuditLog auditLog() {
        return audit;
    }

    @Override
    public ApiTokenCatalog apiTokenCatalog() {
        return apiTokens;
    }

    @Override
    public FleetCatalog fleetCatalog() {
        return fleet;
    }

    @Override
    public SnapshotRequestCatalog snapshotRequestCatalog() {
        return requests;
    }

    /** Waits while another caller uses the catalog, as every other call does. */
    @Override
    public void probe() throws CatalogException {
        synchronized (database) {
            database.run("answer a health query", CatalogProbe::query);
            CatalogProbe.requireWritable(database.file());
        }
    }

    @Override
    public boolean present() {
        return CatalogProbe.same(database.file(), fileKey);
    }

    @Override
    public void close() throws CatalogException {
        database.close();
    }
}
