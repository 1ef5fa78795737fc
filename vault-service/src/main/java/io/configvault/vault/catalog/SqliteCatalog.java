package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link Catalog}, {@link VerificationLog}, {@link PolicyCatalog}, {@link PruneCatalog},
 * {@link AuditLog}, {@link ApiTokenCatalog}, {@link FleetCatalog} and
 * {@link SnapshotRequestCatalog} in one SQLite file: WAL mode with {@code synchronous=FULL}, so a
 * committed row survives a power cut; schema versioned by {@link CatalogSchema}; the SQL of each
 * table lives beside it ({@link SnapshotRows}, {@link ApplianceRows}, {@link TokenRows},
 * {@link VerificationRows}, {@link PolicyRows}, {@link PruneRows}, {@link AuditRows},
 * {@link ApiTokenRows}, {@link FleetRows}, {@link SnapshotRequestRows}). One connection,
 * serialised by this object's monitor: the vault's write rate is one row per snapshot (and one
 * audit record per audited request); the audit chain relies on it (each record reads the
 * previous one's hash in its transaction).
 */
public final class SqliteCatalog implements Catalog, VerificationLog, PolicyCatalog, PruneCatalog,
        AuditLog, ApiTokenCatalog, FleetCatalog, SnapshotRequestCatalog, CatalogHealth,
        AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final Object fileKey;

    private SqliteCatalog(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.fileKey = CatalogProbe.fileKey(file);
    }

    /** Opens (creating and migrating when needed) the catalog at {@code file}. */
    public static SqliteCatalog open(Path file) throws CatalogException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            CatalogSchema.migrate(connection);
            SqliteCatalog catalog = new SqliteCatalog(file, connection);
            catalog.inTransaction(() -> {
                AuditRows.chainLegacy(connection);
                return null;
            });
            return catalog;
        } catch (SQLException | java.io.IOException e) {
            throw new CatalogException("Cannot open catalog " + file + ": " + e.getMessage(), e);
        }
    }

    static String rekeyRefused(String applianceId) {
        return "Cannot enrol appliance " + applianceId
                + ": it is enrolled with another key; an admin must re-key it";
    }

    @Override
    public synchronized void enrol(Appliance appliance) throws CatalogException {
        run("enrol appliance " + appliance.id(),
                () -> ApplianceRows.insert(connection, appliance));
        Appliance stored = appliance(appliance.id()).orElseThrow();
        if (!stored.fingerprint().equals(appliance.fingerprint())) {
            throw new IllegalStateException(rekeyRefused(appliance.id()));
        }
    }

    static String duplicateToken() {
        return "Cannot add enrolment token: a token with the same hash exists";
    }

    @Override
    public synchronized void addEnrolmentToken(EnrolmentToken token) throws CatalogException {
        int inserted = sql("add an enrolment token for fleet " + token.fleet(),
                () -> TokenRows.insert(connection, token));
        if (inserted != 1) {
            throw new IllegalStateException(duplicateToken());
        }
    }

    @Override
    public synchronized Optional<EnrolmentToken> enrolmentToken(String tokenHash)
            throws CatalogException {
        return sql("read an enrolment token",
                () -> TokenRows.select(connection, tokenHash));
    }

    /**
     * One transaction: read the token and the appliance, decide, write. The token is used up by
     * a compare-and-set, so even a second process on the same file cannot use it twice.
     */
    @Override
    public synchronized Redemption redeem(TokenRedemption request) throws CatalogException {
        String what = "redeem an enrolment token for appliance " + request.applianceId();
        try {
            connection.setAutoCommit(false);
            try {
                Redemption outcome = Redemptions.decide(
                        enrolmentToken(request.tokenHash()).orElse(null),
                        appliance(request.applianceId()).orElse(null), request);
                boolean applied = switch (outcome) {
                    case Redemption.Enrolled enrolled -> ApplianceRows.insert(connection,
                            enrolled.appliance()) == 1
                            && TokenRows.use(connection, request) == 1;
                    case Redemption.Rekeyed rekeyed -> ApplianceRows.replaceKey(connection, rekeyed) == 1
                            && TokenRows.use(connection, request) == 1;
                    case Redemption.Confirmed confirmed -> {
                        // 0 rows when this replays the enrolment the token made: fine.
                        TokenRows.use(connection, request);
                        yield true;
                    }
                    case Redemption.Refused refused -> true;
                };
                if (!applied) {
                    // Another writer on the same file got there between our read and write.
                    connection.rollback();
                    return new Redemption.Refused(Redemption.Refusal.TOKEN_USED);
                }
                connection.commit();
                return outcome;
            } catch (SQLException | CatalogException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public synchronized Optional<Appliance> appliance(String applianceId) throws CatalogException {
        return sql("read appliance " + applianceId,
                () -> ApplianceRows.select(connection, applianceId));
    }

    @Override
    public synchronized boolean insert(SnapshotRecord s) throws CatalogException {
        return sql("record snapshot " + s.id(),
                () -> SnapshotRows.insert(connection, s) == 1);
    }

    /** One transaction: the row and the position commit together or roll back together. */
    @Override
    public synchronized boolean insert(SnapshotRecord s, ConsumedPosition after)
            throws CatalogException {
        return sql("record snapshot " + s.id() + " and position " + after.topic() + "-"
                + after.partition() + "@" + after.nextOffset(), () -> inTransaction(() -> {
                    boolean inserted = SnapshotRows.insert(connection, s) == 1;
                    SnapshotRows.advance(connection, after);
                    return inserted;
                }));
    }

    @Override
    public synchronized OptionalLong consumedPosition(String topic, int partition)
            throws CatalogException {
        return sql("read the consumed position of " + topic + "-" + partition,
                () -> SnapshotRows.position(connection, topic, partition));
    }

    @Override
    public synchronized Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException {
        return sql("read snapshot " + id,
                () -> SnapshotRows.select(connection, id));
    }

    @Override
    public synchronized Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException {
        return sql("read snapshot " + id,
                () -> SnapshotRows.selectRecorded(connection, id));
    }

    @Override
    public synchronized List<SnapshotRecord> snapshots(String applianceId, int limit)
            throws CatalogException {
        return sql("list snapshots of " + applianceId,
                () -> SnapshotRows.newestFirst(connection, applianceId, limit));
    }

    @Override
    public synchronized boolean recordSeen(ApplianceSeen seen) throws CatalogException {
        return sql("record that appliance " + seen.applianceId() + " was seen",
                () -> ApplianceRows.recordSeen(connection, seen));
    }

    @Override
    public synchronized Optional<ApplianceSeen> seen(String applianceId)
            throws CatalogException {
        return sql("read when appliance " + applianceId + " was last seen",
                () -> ApplianceRows.seen(connection, applianceId));
    }

    @Override
    public synchronized void recordVerification(Verification verification)
            throws CatalogException {
        run("record a verification of snapshot " + verification.snapshotId(),
                () -> VerificationRows.insert(connection, verification));
    }

    @Override
    public synchronized Optional<Verification> latestVerification(SnapshotId id)
            throws CatalogException {
        return sql("read the latest verification of snapshot " + id,
                () -> VerificationRows.latest(connection, id));
    }

    @Override
    public synchronized List<SnapshotRecord> dueForVerification(int limit)
            throws CatalogException {
        return sql("list snapshots due for verification",
                () -> VerificationRows.due(connection, limit));
    }

    @Override
    public synchronized List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit)
            throws CatalogException {
        return sql("list newest snapshots not verified since " + since,
                () -> VerificationRows.newestNotVerifiedSince(connection, since, limit));
    }

    @Override
    public synchronized long snapshotCount() throws CatalogException {
        return sql("count snapshots",
                () -> VerificationRows.countSnapshots(connection));
    }

    @Override
    public synchronized long failingVerificationCount() throws CatalogException {
        return sql("count snapshots whose latest verification failed",
                () -> VerificationRows.countFailing(connection));
    }

    // --- retention policies and holds (PolicyCatalog) ---

    @Override
    public synchronized void putPolicy(StoredPolicy policy) throws CatalogException {
        run("set the retention policy of " + policy.scope().key(),
                () -> PolicyRows.put(connection, policy));
    }

    @Override
    public synchronized Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException {
        return sql("read the retention policy of " + scope.key(),
                () -> PolicyRows.select(connection, scope));
    }

    @Override
    public synchronized List<StoredPolicy> policies() throws CatalogException {
        return sql("list the retention policies",
                () -> PolicyRows.all(connection));
    }

    @Override
    public synchronized boolean deletePolicy(PolicyScope scope) throws CatalogException {
        return sql("delete the retention policy of " + scope.key(),
                () -> PolicyRows.delete(connection, scope));
    }

    @Override
    public synchronized boolean hold(Hold hold) throws CatalogException {
        return sql("hold snapshot " + hold.snapshotId(),
                () -> PolicyRows.hold(connection, hold));
    }

    @Override
    public synchronized boolean release(SnapshotId snapshot) throws CatalogException {
        return sql("release the hold of snapshot " + snapshot,
                () -> PolicyRows.release(connection, snapshot));
    }

    @Override
    public synchronized Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException {
        return sql("read the hold of snapshot " + snapshot,
                () -> PolicyRows.holdOf(connection, snapshot));
    }

    // --- the prune pass (PruneCatalog) ---

    @Override
    public synchronized List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId,
                                                                   int limit)
            throws CatalogException {
        return sql("list the appliances with snapshots",
                () -> PruneRows.appliances(connection, afterId, limit));
    }

    @Override
    public synchronized List<Candidate> candidates(String applianceId) throws CatalogException {
        return sql("list the snapshots of " + applianceId + " for retention",
                () -> PruneRows.candidates(connection, applianceId));
    }

    /** One transaction: every tombstone with its audit record, or none. */
    @Override
    public synchronized List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at)
            throws CatalogException {
        return sql("tombstone " + deletions.size() + " snapshots",
                () -> inTransaction(() -> PruneRows.tombstone(connection, deletions, at)));
    }

    @Override
    public synchronized List<SnapshotRecord> tombstoned(int limit) throws CatalogException {
        return sql("list tombstoned snapshots",
                () -> PruneRows.tombstoned(connection, limit));
    }

    @Override
    public synchronized int purge(List<SnapshotId> ids) throws CatalogException {
        return sql("purge " + ids.size() + " tombstoned snapshots",
                () -> inTransaction(() -> PruneRows.purge(connection, ids)));
    }

    @Override
    public synchronized Optional<Instant> newestStoredAt() throws CatalogException {
        return sql("read the newest stored-at",
                () -> PruneRows.newestStoredAt(connection));
    }

    @Override
    public synchronized Optional<Instant> lastPassAt() throws CatalogException {
        return sql("read the start of the last retention pass",
                () -> PruneRows.lastPass(connection));
    }

    @Override
    public synchronized void recordPass(Instant startedAt) throws CatalogException {
        run("record the start of a retention pass",
                () -> PruneRows.recordPass(connection, startedAt));
    }

    // --- the fleet view (FleetCatalog) ---

    @Override
    public synchronized List<Appliance> appliances(@Nullable String afterId,
                                                   @Nullable Set<String> fleets, int limit)
            throws CatalogException {
        return sql("list appliances",
                () -> FleetRows.appliances(connection, afterId, fleets, limit));
    }

    @Override
    public synchronized boolean recordRefusal(ApplianceError error) throws CatalogException {
        return sql("record a refused event of appliance " + error.applianceId(),
                () -> FleetRows.recordRefusal(connection, error));
    }

    @Override
    public synchronized Optional<ApplianceError> lastRefusal(String applianceId)
            throws CatalogException {
        return sql("read the last refused event of appliance " + applianceId,
                () -> FleetRows.lastRefusal(connection, applianceId));
    }

    @Override
    public synchronized void recordAgent(String applianceId, Instant signedAt,
                                         String agentVersion) throws CatalogException {
        run("record the agent version of appliance " + applianceId,
                () -> FleetRows.recordAgent(connection, applianceId, signedAt, agentVersion));
    }

    @Override
    public synchronized Optional<String> agentVersion(String applianceId)
            throws CatalogException {
        return sql("read the agent version of appliance " + applianceId,
                () -> FleetRows.agentVersion(connection, applianceId));
    }

    @Override
    public synchronized List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter filter,
                                                       int limit) throws CatalogException {
        return sql("list snapshots of " + applianceId,
                () -> SnapshotRows.filtered(connection, applianceId, filter, limit));
    }

    /** One transaction: the manifest row with all its entries, or nothing. */
    @Override
    public synchronized void putManifest(SnapshotId snapshotId, StoredManifest manifest)
            throws CatalogException {
        run("record the manifest of snapshot " + snapshotId, () -> inTransaction(() -> {
            FleetRows.putManifest(connection, snapshotId, manifest);
            return null;
        }));
    }

    @Override
    public synchronized Optional<StoredManifest> manifest(SnapshotId snapshotId)
            throws CatalogException {
        return sql("read the manifest of snapshot " + snapshotId,
                () -> FleetRows.manifest(connection, snapshotId));
    }

    /** Work on the connection (one statement, or a transaction's worth). */
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Work on the connection that answers nothing. */
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs {@code work}; a failure becomes a {@link CatalogException} saying what failed. */
    private <T> T sql(String what, Work<T> work) throws CatalogException {
        try {
            return work.run();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void run(String what, Step step) throws CatalogException {
        try {
            step.run();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    // --- the audit log (AuditLog) ---

    /** One transaction: the next seq, the previous hash and the row are read and written. */
    @Override
    public synchronized void audit(Instant at, String actor, String action, String target,
                                   String outcome, String detail, String source)
            throws CatalogException {
        sql("write an audit record of " + action, () -> inTransaction(() -> {
            AuditRows.insert(connection, at, actor, action, target, outcome, detail, source);
            return null;
        }));
    }

    @Override
    public synchronized List<AuditRecord> recentAudit(int limit) throws CatalogException {
        return sql("read the audit log",
                () -> AuditRows.recent(connection, limit));
    }

    @Override
    public synchronized List<AuditRecord> auditPage(AuditQuery query) throws CatalogException {
        return sql("read the audit log",
                () -> AuditRows.page(connection, query));
    }

    @Override
    public synchronized List<AuditRecord> auditAfter(long afterSeq, int limit)
            throws CatalogException {
        return sql("read the audit log after record " + afterSeq,
                () -> AuditRows.after(connection, afterSeq, limit));
    }

    @Override
    public synchronized AuditExport auditExported() throws CatalogException {
        return sql("read the audit export position",
                () -> AuditRows.exported(connection));
    }

    @Override
    public synchronized void recordAuditExport(AuditExport export) throws CatalogException {
        run("record the audit export position " + export.seq(),
                () -> AuditRows.recordExport(connection, export));
    }

    // --- the operator API's bearer tokens (ApiTokenCatalog) ---

    @Override
    public synchronized boolean addApiToken(ApiToken token) throws CatalogException {
        return sql("add API token " + token.name(), () -> ApiTokenRows.insert(connection, token));
    }

    @Override
    public synchronized Optional<ApiToken> apiTokenByHash(String hash) throws CatalogException {
        return sql("read an API token", () -> ApiTokenRows.byHash(connection, hash));
    }

    @Override
    public synchronized Optional<ApiToken> apiToken(String id) throws CatalogException {
        return sql("read API token " + id, () -> ApiTokenRows.byId(connection, id));
    }

    @Override
    public synchronized List<ApiToken> apiTokens(@Nullable String afterId, int limit)
            throws CatalogException {
        return sql("list API tokens", () -> ApiTokenRows.page(connection, afterId, limit));
    }

    @Override
    public synchronized boolean noApiTokens() throws CatalogException {
        return sql("count API tokens", () -> ApiTokenRows.none(connection));
    }

    @Override
    public synchronized Revocation revokeApiToken(String id, Instant at)
            throws CatalogException {
        return sql("revoke API token " + id,
                () -> inTransaction(() -> ApiTokenRows.revoke(connection, id, at)));
    }

    // --- snapshot requests (SnapshotRequestCatalog) ---

    @Override
    public synchronized boolean addSnapshotRequest(SnapshotRequestRow row)
            throws CatalogException {
        return sql("record snapshot request " + row.requestId() + " for " + row.applianceId(),
                () -> SnapshotRequestRows.insert(connection, row)) == 1;
    }

    @Override
    public synchronized boolean fulfil(SnapshotId requestId, String applianceId,
                                       SnapshotId snapshot, Instant at) throws CatalogException {
        return sql("mark snapshot request " + requestId + " of " + applianceId + " fulfilled",
                () -> SnapshotRequestRows.fulfil(connection, requestId, applianceId, snapshot,
                        at)) == 1;
    }

    @Override
    public synchronized List<SnapshotRequestRow> snapshotRequest(
            SnapshotId requestId, @Nullable String afterAppliance, int limit)
            throws CatalogException {
        return sql("read snapshot request " + requestId,
                () -> SnapshotRequestRows.select(connection, requestId, afterAppliance, limit));
    }

    @Override
    public synchronized Progress snapshotRequestProgress(SnapshotId requestId)
            throws CatalogException {
        return sql("count the progress of snapshot request " + requestId,
                () -> SnapshotRequestRows.progress(connection, requestId));
    }

    @Override
    public synchronized List<String> fleetAppliances(String fleet, @Nullable String after,
                                                     int limit) throws CatalogException {
        return sql("list the appliances of fleet " + fleet,
                () -> SnapshotRequestRows.fleetAppliances(connection, fleet, after, limit));
    }

    @Override
    public synchronized void probe() throws CatalogException {
        run("answer a health query", () -> CatalogProbe.query(connection));
        CatalogProbe.requireWritable(file);
    }

    @Override
    public boolean present() {
        return CatalogProbe.same(file, fileKey);
    }

    private CatalogException failure(String what, SQLException e) {
        return new CatalogException("Cannot " + what + " in catalog " + file.getFileName()
                + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() throws CatalogException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new CatalogException("Cannot close catalog " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }
}
