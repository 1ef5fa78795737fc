package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.retention.Candidate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the prune pass over {@code snapshots}, {@code holds}, {@code verifications} and
 * {@code retention_passes}, for the parts of {@link SqliteCatalog} ({@link SqliteDatabase} owns
 * the connection, its transactions and its monitor).
 */
final class PruneRows {

    /**
     * One row per appliance with live rows, walking {@code snapshots_by_appliance}; the fleet is
     * the one of the row with the latest capture (SQLite takes a bare column from the row that
     * {@code MAX} picked).
     */
    private static final String SELECT_APPLIANCES = "SELECT appliance_id, fleet,"
            + " MAX(captured_at) FROM snapshots WHERE appliance_id > ?"
            + " AND tombstoned_at_ms IS NULL GROUP BY appliance_id ORDER BY appliance_id LIMIT ?";
    private static final String SELECT_CANDIDATES = "SELECT s.id, s.sequence, s.trigger,"
            + " s.captured_at, s.stored_at, s.time_zone,"
            + " EXISTS (SELECT 1 FROM holds h WHERE h.snapshot_id = s.id),"
            + " (SELECT v.outcome FROM verifications v WHERE v.snapshot_id = s.id"
            + " ORDER BY v.seq DESC LIMIT 1), s.retain_until_ms FROM snapshots s"
            + " WHERE s.appliance_id = ? AND s.tombstoned_at_ms IS NULL"
            + " ORDER BY s.captured_at DESC, s.id DESC";
    /** The hold and lock checks are part of the write, so a hold placed first always wins. */
    private static final String TOMBSTONE = "UPDATE snapshots SET tombstoned_at_ms = ?"
            + " WHERE id = ? AND tombstoned_at_ms IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.snapshot_id = snapshots.id)"
            + " AND (retain_until_ms IS NULL OR retain_until_ms <= ?)";
    private static final String SELECT_ROW = "SELECT " + SnapshotRows.FIELDS
            + " FROM snapshots WHERE id = ?";
    private static final String SELECT_TOMBSTONED = "SELECT " + SnapshotRows.FIELDS
            + " FROM snapshots WHERE tombstoned_at_ms IS NOT NULL"
            + " ORDER BY tombstoned_at_ms, id LIMIT ?";
    private static final String PURGE_ROW = "DELETE FROM snapshots WHERE id = ?"
            + " AND tombstoned_at_ms IS NOT NULL";
    private static final String PURGE_VERIFICATIONS = "DELETE FROM verifications"
            + " WHERE snapshot_id = ?";
    private static final String PURGE_HOLD = "DELETE FROM holds WHERE snapshot_id = ?";
    /** stored_at is ISO text whose fraction varies in length, so it is compared as a number. */
    private static final String NEWEST_STORED = "SELECT MAX(CAST(ROUND(unixepoch(stored_at,"
            + " 'subsec') * 1000) AS INTEGER)) FROM snapshots";
    private static final String LAST_PASS = "SELECT MAX(started_at_ms) FROM retention_passes";
    private static final String RECORD_PASS = "INSERT INTO retention_passes (started_at_ms)"
            + " SELECT ? WHERE NOT EXISTS (SELECT 1 FROM retention_passes"
            + " WHERE started_at_ms >= ?)";

    private PruneRows() {
    }

    static List<PruneCatalog.ApplianceRef> appliances(Connection connection, String afterId,
                                                      int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_APPLIANCES)) {
            // Ids are non-empty names, so "" is before every one of them.
            select.setString(1, afterId == null ? "" : afterId);
            select.setInt(2, limit);
            List<PruneCatalog.ApplianceRef> refs = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    refs.add(new PruneCatalog.ApplianceRef(row.getString(1), row.getString(2)));
                }
            }
            return refs;
        }
    }

    static List<Candidate> candidates(Connection connection, String applianceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_CANDIDATES)) {
            select.setString(1, applianceId);
            List<Candidate> candidates = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long retainMillis = row.getLong(9);
                    Instant retainUntil = row.wasNull() ? null : Instant.ofEpochMilli(retainMillis);
                    candidates.add(new Candidate(SnapshotId.parse(row.getString(1)),
                            row.getLong(2), Trigger.valueOf(row.getString(3)),
                            Instant.parse(row.getString(4)), Instant.parse(row.getString(5)),
                            row.getString(6), row.getInt(7) == 1,
                            Verification.Outcome.OK.name().equals(row.getString(8)),
                            retainUntil));
                }
            }
            return candidates;
        }
    }

    /** Tombstones and audits each deletion that passes the checks; the caller's transaction. */
    static List<SnapshotRecord> tombstone(Connection connection,
                                          List<PruneCatalog.Deletion> deletions, Instant at)
            throws SQLException {
        List<SnapshotRecord> done = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(TOMBSTONE);
             PreparedStatement select = connection.prepareStatement(SELECT_ROW)) {
            for (PruneCatalog.Deletion deletion : deletions) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, deletion.id().toString());
                update.setLong(3, at.toEpochMilli());
                if (update.executeUpdate() != 1) {
                    continue;
                }
                select.setString(1, deletion.id().toString());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    done.add(SnapshotRows.read(row));
                }
                AuditRows.insert(connection, at, deletion.actor(), PruneCatalog.DELETE_ACTION,
                        deletion.id().toString(), "ok", deletion.detail(), AuditLog.INTERNAL);
            }
        }
        return done;
    }

    static List<SnapshotRecord> tombstoned(Connection connection, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_TOMBSTONED)) {
            select.setInt(1, limit);
            List<SnapshotRecord> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(SnapshotRows.read(row));
                }
            }
            return rows;
        }
    }

    /** Removes each tombstoned row with its verifications and hold; the caller's transaction. */
    static int purge(Connection connection, List<SnapshotId> ids) throws SQLException {
        int purged = 0;
        try (PreparedStatement row = connection.prepareStatement(PURGE_ROW);
             PreparedStatement verifications = connection.prepareStatement(PURGE_VERIFICATIONS);
             PreparedStatement hold = connection.prepareStatement(PURGE_HOLD)) {
            for (SnapshotId id : ids) {
                row.setString(1, id.toString());
                if (row.executeUpdate() != 1) {
                    continue;
                }
                purged++;
                verifications.setString(1, id.toString());
                verifications.executeUpdate();
                hold.setString(1, id.toString());
                hold.executeUpdate();
                FleetRows.deleteManifest(connection, id);
            }
        }
        return purged;
    }

    static Optional<Instant> newestStoredAt(Connection connection) throws SQLException {
        return optionalMillis(connection, NEWEST_STORED);
    }

    static Optional<Instant> lastPass(Connection connection) throws SQLException {
        return optionalMillis(connection, LAST_PASS);
    }

    static void recordPass(Connection connection, Instant startedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(RECORD_PASS)) {
            insert.setLong(1, startedAt.toEpochMilli());
            insert.setLong(2, startedAt.toEpochMilli());
            insert.executeUpdate();
        }
    }

    private static Optional<Instant> optionalMillis(Connection connection, String sql)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            long millis = row.getLong(1);
            return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        }
    }
}
