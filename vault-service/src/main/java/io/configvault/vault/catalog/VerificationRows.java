package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code verifications} table, for {@link SqliteCatalog}. Every question about
 * snapshots counts live rows only (not tombstoned).
 */
final class VerificationRows {

    private static final String INSERT = "INSERT INTO verifications (snapshot_id, verified_at_ms,"
            + " outcome, trigger, evidence) VALUES (?, ?, ?, ?, ?)";
    /** Latest = recorded last (highest seq), whatever the times say. */
    private static final String SELECT_LATEST = "SELECT snapshot_id, verified_at_ms, outcome,"
            + " trigger, evidence FROM verifications WHERE snapshot_id = ?"
            + " ORDER BY seq DESC LIMIT 1";
    private static final String LATEST_TIME = "(SELECT v.verified_at_ms FROM verifications v"
            + " WHERE v.snapshot_id = s.id ORDER BY v.seq DESC LIMIT 1)";
    /** stored_at is ISO text whose fraction varies in length, so it is compared as a number. */
    private static final String DUE = "COALESCE(" + LATEST_TIME
            + ", CAST(ROUND(unixepoch(s.stored_at, 'subsec') * 1000) AS INTEGER))";
    private static final String SELECT_DUE = "SELECT " + SnapshotRows.FIELDS
            + " FROM snapshots s WHERE s.tombstoned_at_ms IS NULL ORDER BY " + DUE
            + ", s.id LIMIT ?";
    /** Newest per appliance in the order {@code Catalog.snapshots} lists them. */
    private static final String SELECT_NEWEST_NOT_VERIFIED = "SELECT "
            + SnapshotRows.FIELDS + " FROM (SELECT *, ROW_NUMBER() OVER"
            + " (PARTITION BY appliance_id ORDER BY captured_at DESC, id DESC) AS newest"
            + " FROM snapshots WHERE tombstoned_at_ms IS NULL) s"
            + " WHERE s.newest = 1 AND COALESCE(" + LATEST_TIME + ", -1) < ?"
            + " ORDER BY s.appliance_id LIMIT ?";
    private static final String COUNT_SNAPSHOTS = "SELECT COUNT(*) FROM snapshots"
            + " WHERE tombstoned_at_ms IS NULL";
    /** Walks the failed rows only (partial index), keeping those that are still the latest. */
    private static final String COUNT_FAILING = "SELECT COUNT(DISTINCT v.snapshot_id)"
            + " FROM verifications v WHERE v.outcome = 'FAILED'"
            + " AND v.seq = (SELECT MAX(w.seq) FROM verifications w"
            + " WHERE w.snapshot_id = v.snapshot_id)"
            + " AND EXISTS (SELECT 1 FROM snapshots s WHERE s.id = v.snapshot_id"
            + " AND s.tombstoned_at_ms IS NULL)";

    private VerificationRows() {
    }

    static void insert(Connection connection, Verification v) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, v.snapshotId().toString());
            insert.setLong(2, v.verifiedAt().toEpochMilli());
            insert.setString(3, v.outcome().name());
            insert.setString(4, v.trigger().name());
            insert.setString(5, v.evidence());
            insert.executeUpdate();
        }
    }

    static Optional<Verification> latest(Connection connection, SnapshotId id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_LATEST)) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Verification(SnapshotId.parse(row.getString(1)),
                        Instant.ofEpochMilli(row.getLong(2)),
                        Verification.Outcome.valueOf(row.getString(3)),
                        Verification.Trigger.valueOf(row.getString(4)), row.getString(5)));
            }
        }
    }

    static List<SnapshotRecord> due(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_DUE)) {
            select.setInt(1, limit);
            return snapshots(select);
        }
    }

    static List<SnapshotRecord> newestNotVerifiedSince(Connection connection, Instant since,
                                                       int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_NEWEST_NOT_VERIFIED)) {
            select.setLong(1, since.toEpochMilli());
            select.setInt(2, limit);
            return snapshots(select);
        }
    }

    static long countSnapshots(Connection connection) throws SQLException {
        return count(connection, COUNT_SNAPSHOTS);
    }

    static long countFailing(Connection connection) throws SQLException {
        return count(connection, COUNT_FAILING);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static List<SnapshotRecord> snapshots(PreparedStatement select) throws SQLException {
        List<SnapshotRecord> result = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                result.add(SnapshotRows.read(row));
            }
        }
        return result;
    }
}
