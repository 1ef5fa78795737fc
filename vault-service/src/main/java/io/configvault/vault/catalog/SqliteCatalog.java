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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Catalog} and {@link VerificationLog} in one SQLite file: WAL mode with
 * {@code synchronous=FULL}, so a committed row survives a power cut; schema versioned by
 * {@link CatalogSchema}; the SQL of each table lives beside it ({@link SnapshotRows},
 * {@link TokenRows}, {@link VerificationRows}, {@link PolicyRows}, {@link PruneRows},
 * {@link AuditRows}). One connection, serialised by this object's
 * monitor: the vault's write rate is one row per snapshot.
 */
public final class SqliteCatalog implements Catalog, VerificationLog, PolicyCatalog, PruneCatalog,
        AuditLog, AutoCloseable {

    private static final String INSERT_APPLIANCE = "INSERT INTO appliances"
            + " (id, fleet, public_key, fingerprint, enrolled_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String SELECT_APPLIANCE =
            "SELECT id, fleet, public_key, fingerprint, enrolled_at FROM appliances WHERE id = ?";
    /** Compare-and-set on the key being replaced. */
    private static final String UPDATE_APPLIANCE_KEY = "UPDATE appliances SET public_key = ?,"
            + " fingerprint = ?, enrolled_at = ? WHERE id = ? AND fingerprint = ?";
    private static final String UPSERT_SEEN = "INSERT INTO appliance_seen (appliance_id,"
            + " last_seen_ms, last_snapshot_id, content_digest) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (appliance_id) DO UPDATE SET last_seen_ms = excluded.last_seen_ms,"
            + " last_snapshot_id = excluded.last_snapshot_id,"
            + " content_digest = excluded.content_digest"
            + " WHERE excluded.last_seen_ms > appliance_seen.last_seen_ms";
    private static final String SELECT_SEEN = "SELECT appliance_id, last_seen_ms,"
            + " last_snapshot_id, content_digest FROM appliance_seen WHERE appliance_id = ?";

    private final Path file;
    private final Connection connection;

    private SqliteCatalog(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
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
            return new SqliteCatalog(file, connection);
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
        try {
            insertAppliance(appliance);
        } catch (SQLException e) {
            throw failure("enrol appliance " + appliance.id(), e);
        }
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
        int inserted;
        try {
            inserted = TokenRows.insert(connection, token);
        } catch (SQLException e) {
            throw failure("add an enrolment token for fleet " + token.fleet(), e);
        }
        if (inserted != 1) {
            throw new IllegalStateException(duplicateToken());
        }
    }

    @Override
    public synchronized Optional<EnrolmentToken> enrolmentToken(String tokenHash)
            throws CatalogException {
        try {
            return TokenRows.select(connection, tokenHash);
        } catch (SQLException e) {
            throw failure("read an enrolment token", e);
        }
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
                    case Redemption.Enrolled enrolled -> insertAppliance(enrolled.appliance()) == 1
                            && TokenRows.use(connection, request) == 1;
                    case Redemption.Rekeyed rekeyed -> replaceKey(rekeyed) == 1
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

    private int insertAppliance(Appliance appliance) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_APPLIANCE)) {
            insert.setString(1, appliance.id());
            insert.setString(2, appliance.fleet());
            insert.setString(3, appliance.publicKey());
            insert.setString(4, appliance.fingerprint());
            insert.setString(5, appliance.enrolledAt().toString());
            return insert.executeUpdate();
        }
    }

    private int replaceKey(Redemption.Rekeyed rekeyed) throws SQLException {
        Appliance appliance = rekeyed.appliance();
        try (PreparedStatement update = connection.prepareStatement(UPDATE_APPLIANCE_KEY)) {
            update.setString(1, appliance.publicKey());
            update.setString(2, appliance.fingerprint());
            update.setString(3, appliance.enrolledAt().toString());
            update.setString(4, appliance.id());
            update.setString(5, rekeyed.previousFingerprint());
            return update.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<Appliance> appliance(String applianceId) throws CatalogException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_APPLIANCE)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Appliance(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4), Instant.parse(row.getString(5))));
            }
        } catch (SQLException e) {
            throw failure("read appliance " + applianceId, e);
        }
    }

    @Override
    public synchronized boolean insert(SnapshotRecord s) throws CatalogException {
        try {
            return SnapshotRows.insert(connection, s) == 1;
        } catch (SQLException e) {
            throw failure("record snapshot " + s.id(), e);
        }
    }

    /** One transaction: the row and the position commit together or roll back together. */
    @Override
    public synchronized boolean insert(SnapshotRecord s, ConsumedPosition after)
            throws CatalogException {
        try {
            connection.setAutoCommit(false);
            try {
                boolean inserted = SnapshotRows.insert(connection, s) == 1;
                SnapshotRows.advance(connection, after);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("record snapshot " + s.id() + " and position " + after.topic() + "-"
                    + after.partition() + "@" + after.nextOffset(), e);
        }
    }

    @Override
    public synchronized OptionalLong consumedPosition(String topic, int partition)
            throws CatalogException {
        try {
            return SnapshotRows.position(connection, topic, partition);
        } catch (SQLException e) {
            throw failure("read the consumed position of " + topic + "-" + partition, e);
        }
    }

    @Override
    public synchronized Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException {
        try {
            return SnapshotRows.select(connection, id);
        } catch (SQLException e) {
            throw failure("read snapshot " + id, e);
        }
    }

    @Override
    public synchronized Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException {
        try {
            return SnapshotRows.selectRecorded(connection, id);
        } catch (SQLException e) {
            throw failure("read snapshot " + id, e);
        }
    }

    @Override
    public synchronized List<SnapshotRecord> snapshots(String applianceId, int limit)
            throws CatalogException {
        try {
            return SnapshotRows.newestFirst(connection, applianceId, limit);
        } catch (SQLException e) {
            throw failure("list snapshots of " + applianceId, e);
        }
    }

    @Override
    public synchronized boolean recordSeen(ApplianceSeen seen) throws CatalogException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SEEN)) {
            upsert.setString(1, seen.applianceId());
            upsert.setLong(2, seen.lastSeenAt().toEpochMilli());
            upsert.setString(3, seen.lastSnapshotId().toString());
            upsert.setString(4, seen.contentDigest());
            return upsert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("record that appliance " + seen.applianceId() + " was seen", e);
        }
    }

    @Override
    public synchronized Optional<ApplianceSeen> seen(String applianceId)
            throws CatalogException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_SEEN)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ApplianceSeen(row.getString(1),
                        Instant.ofEpochMilli(row.getLong(2)), SnapshotId.parse(row.getString(3)),
                        row.getString(4)));
            }
        } catch (SQLException e) {
            throw failure("read when appliance " + applianceId + " was last seen", e);
        }
    }

    @Override
    public synchronized void recordVerification(Verification verification)
            throws CatalogException {
        try {
            VerificationRows.insert(connection, verification);
        } catch (SQLException e) {
            throw failure("record a verification of snapshot " + verification.snapshotId(), e);
        }
    }

    @Override
    public synchronized Optional<Verification> latestVerification(SnapshotId id)
            throws CatalogException {
        try {
            return VerificationRows.latest(connection, id);
        } catch (SQLException e) {
            throw failure("read the latest verification of snapshot " + id, e);
        }
    }

    @Override
    public synchronized List<SnapshotRecord> dueForVerification(int limit)
            throws CatalogException {
        try {
            return VerificationRows.due(connection, limit);
        } catch (SQLException e) {
            throw failure("list snapshots due for verification", e);
        }
    }

    @Override
    public synchronized List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit)
            throws CatalogException {
        try {
            return VerificationRows.newestNotVerifiedSince(connection, since, limit);
        } catch (SQLException e) {
            throw failure("list newest snapshots not verified since " + since, e);
        }
    }

    @Override
    public synchronized long snapshotCount() throws CatalogException {
        try {
            return VerificationRows.countSnapshots(connection);
        } catch (SQLException e) {
            throw failure("count snapshots", e);
        }
    }

    @Override
    public synchronized long failingVerificationCount() throws CatalogException {
        try {
            return VerificationRows.countFailing(connection);
        } catch (SQLException e) {
            throw failure("count snapshots whose latest verification failed", e);
        }
    }

    // --- retention policies and holds (PolicyCatalog) ---

    @Override
    public synchronized void putPolicy(StoredPolicy policy) throws CatalogException {
        try {
            PolicyRows.put(connection, policy);
        } catch (SQLException e) {
            throw failure("set the retention policy of " + policy.scope().key(), e);
        }
    }

    @Override
    public synchronized Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException {
        try {
            return PolicyRows.select(connection, scope);
        } catch (SQLException e) {
            throw failure("read the retention policy of " + scope.key(), e);
        }
    }

    @Override
    public synchronized List<StoredPolicy> policies() throws CatalogException {
        try {
            return PolicyRows.all(connection);
        } catch (SQLException e) {
            throw failure("list the retention policies", e);
        }
    }

    @Override
    public synchronized boolean deletePolicy(PolicyScope scope) throws CatalogException {
        try {
            return PolicyRows.delete(connection, scope);
        } catch (SQLException e) {
            throw failure("delete the retention policy of " + scope.key(), e);
        }
    }

    @Override
    public synchronized boolean hold(Hold hold) throws CatalogException {
        try {
            return PolicyRows.hold(connection, hold);
        } catch (SQLException e) {
            throw failure("hold snapshot " + hold.snapshotId(), e);
        }
    }

    @Override
    public synchronized boolean release(SnapshotId snapshot) throws CatalogException {
        try {
            return PolicyRows.release(connection, snapshot);
        } catch (SQLException e) {
            throw failure("release the hold of snapshot " + snapshot, e);
        }
    }

    @Override
    public synchronized Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException {
        try {
            return PolicyRows.holdOf(connection, snapshot);
        } catch (SQLException e) {
            throw failure("read the hold of snapshot " + snapshot, e);
        }
    }

    // --- the prune pass (PruneCatalog) ---

    @Override
    public synchronized List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId,
                                                                   int limit)
            throws CatalogException {
        try {
            return PruneRows.appliances(connection, afterId, limit);
        } catch (SQLException e) {
            throw failure("list the appliances with snapshots", e);
        }
    }

    @Override
    public synchronized List<Candidate> candidates(String applianceId) throws CatalogException {
        try {
            return PruneRows.candidates(connection, applianceId);
        } catch (SQLException e) {
            throw failure("list the snapshots of " + applianceId + " for retention", e);
        }
    }

    /** One transaction: every tombstone with its audit record, or none. */
    @Override
    public synchronized List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at)
            throws CatalogException {
        try {
            return inTransaction(() -> PruneRows.tombstone(connection, deletions, at));
        } catch (SQLException e) {
            throw failure("tombstone " + deletions.size() + " snapshots", e);
        }
    }

    @Override
    public synchronized List<SnapshotRecord> tombstoned(int limit) throws CatalogException {
        try {
            return PruneRows.tombstoned(connection, limit);
        } catch (SQLException e) {
            throw failure("list tombstoned snapshots", e);
        }
    }

    @Override
    public synchronized int purge(List<SnapshotId> ids) throws CatalogException {
        try {
            return inTransaction(() -> PruneRows.purge(connection, ids));
        } catch (SQLException e) {
            throw failure("purge " + ids.size() + " tombstoned snapshots", e);
        }
    }

    @Override
    public synchronized Optional<Instant> newestStoredAt() throws CatalogException {
        try {
            return PruneRows.newestStoredAt(connection);
        } catch (SQLException e) {
            throw failure("read the newest stored-at", e);
        }
    }

    @Override
    public synchronized Optional<Instant> lastPassAt() throws CatalogException {
        try {
            return PruneRows.lastPass(connection);
        } catch (SQLException e) {
            throw failure("read the start of the last retention pass", e);
        }
    }

    @Override
    public synchronized void recordPass(Instant startedAt) throws CatalogException {
        try {
            PruneRows.recordPass(connection, startedAt);
        } catch (SQLException e) {
            throw failure("record the start of a retention pass", e);
        }
    }

    /** Work on the connection that commits or rolls back as one. */
    private interface Work<T> {
        T run() throws SQLException;
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

    @Override
    public synchronized void audit(Instant at, String actor, String action, String target,
                                   String outcome, String detail) throws CatalogException {
        try {
            AuditRows.insert(connection, at, actor, action, target, outcome, detail);
        } catch (SQLException e) {
            throw failure("write an audit record of " + action, e);
        }
    }

    @Override
    public synchronized List<AuditRecord> recentAudit(int limit) throws CatalogException {
        try {
            return AuditRows.recent(connection, limit);
        } catch (SQLException e) {
            throw failure("read the audit log", e);
        }
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
