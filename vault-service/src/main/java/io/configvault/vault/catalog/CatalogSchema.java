package io.configvault.vault.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the SQLite catalog. Migration {@code n} brings {@code PRAGMA user_version}
 * from {@code n} to {@code n + 1} in one transaction; a catalog newer than this code is refused.
 */
final class CatalogSchema {

    private static final List<List<String>> MIGRATIONS = List.of(
            // 1: appliances and snapshots.
            List.of(
            "CREATE TABLE appliances (id TEXT PRIMARY KEY, fleet TEXT NOT NULL,"
                    + " public_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                    + " enrolled_at TEXT NOT NULL)",
            "CREATE TABLE snapshots (id TEXT PRIMARY KEY, appliance_id TEXT NOT NULL,"
                    + " fleet TEXT NOT NULL, sequence INTEGER NOT NULL, trigger TEXT NOT NULL,"
                    + " captured_at TEXT NOT NULL, time_zone TEXT NOT NULL, label TEXT,"
                    + " restorable INTEGER NOT NULL, bundle_bytes INTEGER NOT NULL,"
                    + " bundle_sha256 TEXT NOT NULL, stored_bytes INTEGER NOT NULL,"
                    + " stored_sha256 TEXT NOT NULL, object_key TEXT NOT NULL UNIQUE,"
                    + " storage_key TEXT NOT NULL, stored_at TEXT NOT NULL)",
            "CREATE INDEX snapshots_by_appliance ON snapshots (appliance_id, captured_at)"),
            // 2: enrolment tokens, kept as SHA-256 only; used_at/used_by set once, on redemption.
            List.of("CREATE TABLE enrolment_tokens (hash TEXT PRIMARY KEY, purpose TEXT NOT NULL,"
                    + " fleet TEXT NOT NULL, appliance_id TEXT, issued_at TEXT NOT NULL,"
                    + " expires_at TEXT NOT NULL, used_at TEXT, used_by TEXT)"),
            // 3: last sign of life per appliance (heartbeats and snapshots). A table of its own so
            // that it never rewrites enrolments; the time in epoch milliseconds so that SQL can
            // compare it (ISO text with varying fractions does not sort).
            List.of("CREATE TABLE appliance_seen (appliance_id TEXT PRIMARY KEY,"
                    + " last_seen_ms INTEGER NOT NULL, last_snapshot_id TEXT NOT NULL,"
                    + " content_digest TEXT NOT NULL)"),
            // 4: per partition of the snapshot topic, the next offset to read, written in the
            // transaction of each snapshot row (see Catalog#insert(SnapshotRecord,
            // ConsumedPosition)); it only moves forward.
            List.of("CREATE TABLE consumed_positions (topic TEXT NOT NULL,"
                    + " partition INTEGER NOT NULL, next_offset INTEGER NOT NULL,"
                    + " PRIMARY KEY (topic, partition))"),
            // 5: restore drills: one row per verification, appended (the history is the audit
            // trail); the latest per snapshot is the highest seq. verified_at in epoch
            // milliseconds so that SQL can compare it; the partial index lets the gauge of
            // failing snapshots walk only failed rows.
            List.of("CREATE TABLE verifications (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " snapshot_id TEXT NOT NULL, verified_at_ms INTEGER NOT NULL,"
                    + " outcome TEXT NOT NULL, trigger TEXT NOT NULL, evidence TEXT NOT NULL)",
                    "CREATE INDEX verifications_by_snapshot ON verifications (snapshot_id, seq)",
                    "CREATE INDEX verifications_failed ON verifications (snapshot_id, seq)"
                    + " WHERE outcome = 'FAILED'"),
            // 6: retention. Snapshot rows gain the Object Lock retain-until (epoch ms, null when
            // unlocked) and lock mode, and a tombstone (epoch ms, null while live): a pass
            // tombstones, deletes the object, then purges the row. Policies per scope (vault,
            // fleet:x, appliance:y) as JSON documents; holds per snapshot; the start of each pass
            // (the clock guard compares with the latest); the audit log, append-only.
            List.of("ALTER TABLE snapshots ADD COLUMN retain_until_ms INTEGER",
                    "ALTER TABLE snapshots ADD COLUMN lock_mode TEXT",
                    "ALTER TABLE snapshots ADD COLUMN tombstoned_at_ms INTEGER",
                    "CREATE INDEX snapshots_tombstoned ON snapshots (tombstoned_at_ms)"
                    + " WHERE tombstoned_at_ms IS NOT NULL",
                    "CREATE TABLE retention_policies (scope TEXT PRIMARY KEY,"
                    + " policy TEXT NOT NULL, updated_at_ms INTEGER NOT NULL,"
                    + " updated_by TEXT NOT NULL)",
                    "CREATE TABLE holds (snapshot_id TEXT PRIMARY KEY, reason TEXT NOT NULL,"
                    + " held_by TEXT NOT NULL, held_at_ms INTEGER NOT NULL)",
                    "CREATE TABLE retention_passes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " started_at_ms INTEGER NOT NULL)",
                    "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " at_ms INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
                    + " target TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL)"),
            // 7 (audit): the audit log's hash chain (AuditChain): each record's source (client
            // address or 'internal'), the previous record's hash and its own. Rows written
            // before keep source 'internal' and are chained once, at the first open after this
            // migration (AuditRows#chainLegacy; SQLite has no SHA-256). audit_export holds one
            // row: the seq and hash of the last record exported to the bucket.
            List.of("ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT 'internal'",
                    "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
                    "ALTER TABLE audit_log ADD COLUMN hash TEXT",
                    "CREATE INDEX audit_by_target ON audit_log (target, seq)",
                    "CREATE TABLE audit_export (id INTEGER PRIMARY KEY CHECK (id = 1),"
                    + " last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL)"),
            // 8 (access): the operator API's bearer tokens, kept as SHA-256 only; a name is
            // unique among the tokens not revoked; revoked rows stay (the audit log names them).
            List.of("CREATE TABLE api_tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                    + " role TEXT NOT NULL, fleets TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,"
                    + " created_at_ms INTEGER NOT NULL, created_by TEXT NOT NULL,"
                    + " revoked_at_ms INTEGER)",
                    "CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name)"
                    + " WHERE revoked_at_ms IS NULL"),
            // 9 (fleet): the fleet view. The capture time as epoch ms (a virtual column: rows
            // keep their ISO text; the text's fraction varies in length, so it does not compare)
            // indexed per appliance for the newest-first pages, and per appliance and trigger or
            // label for the filters. The last refused event and the newest agent version per
            // appliance; each snapshot's manifest (its entries in manifest order).
            List.of("ALTER TABLE snapshots ADD COLUMN captured_at_ms INTEGER GENERATED ALWAYS AS"
                    + " (CAST(ROUND((julianday(captured_at) - 2440587.5) * 86400000) AS INTEGER))"
                    + " VIRTUAL",
                    "CREATE INDEX snapshots_by_capture ON snapshots (appliance_id, captured_at_ms,"
                    + " id)",
                    "CREATE INDEX snapshots_by_trigger ON snapshots (appliance_id, trigger,"
                    + " captured_at_ms, id)",
                    "CREATE INDEX snapshots_by_label ON snapshots (appliance_id, label,"
                    + " captured_at_ms, id) WHERE label IS NOT NULL",
                    "CREATE TABLE appliance_errors (appliance_id TEXT PRIMARY KEY,"
                    + " at_ms INTEGER NOT NULL, category TEXT NOT NULL, reason TEXT NOT NULL)",
                    "CREATE TABLE appliance_agents (appliance_id TEXT PRIMARY KEY,"
                    + " signed_at_ms INTEGER NOT NULL, agent_version TEXT NOT NULL)",
                    "CREATE TABLE snapshot_manifests (snapshot_id TEXT PRIMARY KEY,"
                    + " agent_version TEXT NOT NULL, not_restorable_reason TEXT)",
                    "CREATE TABLE manifest_entries (snapshot_id TEXT NOT NULL,"
                    + " position INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,"
                    + " size INTEGER NOT NULL, sha256 TEXT NOT NULL, mode INTEGER NOT NULL,"
                    + " modified_at TEXT, sensitive INTEGER NOT NULL,"
                    + " PRIMARY KEY (snapshot_id, position))"),
            // 10 (requests): snapshot requests, one row per request and appliance.
            List.of(
                    "CREATE TABLE snapshot_requests (request_id TEXT NOT NULL,"
                    + " appliance_id TEXT NOT NULL, fleet TEXT NOT NULL, scope TEXT NOT NULL,"
                    + " label TEXT, requested_at_ms INTEGER NOT NULL, requested_by TEXT NOT NULL,"
                    + " expires_at_ms INTEGER NOT NULL, fulfilled_snapshot TEXT,"
                    + " fulfilled_at_ms INTEGER, PRIMARY KEY (request_id, appliance_id))"));

    private CatalogSchema() {
    }

    /** The schema version this code writes ({@code PRAGMA user_version} after migrating). */
    static int version() {
        return MIGRATIONS.size();
    }

    static void migrate(Connection connection) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
             var row = statement.executeQuery("PRAGMA user_version")) {
            version = row.next() ? row.getInt(1) : 0;
        }
        if (version > MIGRATIONS.size()) {
            throw new SQLException("catalog schema version " + version
                    + " is newer than this vault understands (" + MIGRATIONS.size() + ")");
        }
        for (int v = version; v < MIGRATIONS.size(); v++) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
