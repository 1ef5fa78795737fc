package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The SQL of the {@code snapshots} and {@code consumed_positions} tables, for the parts of
 * {@link SqliteCatalog} ({@link SqliteDatabase} owns the connection, its transactions and its
 * monitor).
 */
final class SnapshotRows {

    /** The columns {@link #read(ResultSet)} reads, in its order. */
    static final String FIELDS = "id, appliance_id, fleet, sequence,"
            + " trigger, captured_at, time_zone, label, restorable, bundle_bytes, bundle_sha256,"
            + " stored_bytes, stored_sha256, object_key, storage_key, stored_at, retain_until_ms,"
            + " lock_mode";
    private static final String INSERT = "INSERT INTO snapshots (" + FIELDS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String SELECT = "SELECT " + FIELDS + " FROM snapshots";
    /** Live rows only: a tombstoned row is deleted as far as every reader is concerned. */
    private static final String SELECT_ONE = SELECT
            + " WHERE id = ? AND tombstoned_at_ms IS NULL";
    private static final String SELECT_RECORDED = SELECT + " WHERE id = ?";
    private static final String SELECT_NEWEST_FIRST = SELECT + " WHERE appliance_id = ?"
            + " AND tombstoned_at_ms IS NULL ORDER BY captured_at DESC, id DESC LIMIT ?";
    /** Forward only: a position at or below the recorded one changes nothing. */
    private static final String ADVANCE_POSITION = "INSERT INTO consumed_positions (topic,"
            + " partition, next_offset) VALUES (?, ?, ?) ON CONFLICT (topic, partition)"
            + " DO UPDATE SET next_offset = excluded.next_offset"
            + " WHERE excluded.next_offset > consumed_positions.next_offset";
    private static final String SELECT_POSITION = "SELECT next_offset FROM consumed_positions"
            + " WHERE topic = ? AND partition = ?";

    private SnapshotRows() {
    }

    /** @return 1 when inserted, 0 when the snapshot id exists (also when it is tombstoned) */
    static int insert(Connection connection, SnapshotRecord s) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, s.id().toString());
            insert.setString(2, s.applianceId());
            insert.setString(3, s.fleet());
            insert.setLong(4, s.sequence());
            insert.setString(5, s.trigger().name());
            insert.setString(6, s.capturedAt().toString());
            insert.setString(7, s.timeZone());
            insert.setString(8, s.label());
            insert.setInt(9, s.restorable() ? 1 : 0);
            insert.setLong(10, s.bundleBytes());
            insert.setString(11, s.bundleSha256());
            insert.setLong(12, s.storedBytes());
            insert.setString(13, s.storedSha256());
            insert.setString(14, s.objectKey());
            insert.setString(15, s.storageKey());
            insert.setString(16, s.storedAt().toString());
            if (s.retainUntil() == null) {
                insert.setNull(17, Types.INTEGER);
            } else {
                insert.setLong(17, s.retainUntil().toEpochMilli());
            }
            insert.setString(18, s.lockMode());
            return insert.executeUpdate();
        }
    }

    static Optional<SnapshotRecord> select(Connection connection, SnapshotId id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** The row whether live or tombstoned. */
    static Optional<SnapshotRecord> selectRecorded(Connection connection, SnapshotId id)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_RECORDED)) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static List<SnapshotRecord> newestFirst(Connection connection, String applianceId, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_NEWEST_FIRST)) {
            select.setString(1, applianceId);
            select.setInt(2, limit);
            List<SnapshotRecord> result = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    result.add(read(row));
                }
            }
            return result;
        }
    }

    /**
     * A page of {@link SnapshotFilter}: newest capture first by the millisecond column
     * {@code captured_at_ms} and id, so the position of the last row continues the walk exactly;
     * each appliance's range of an index (by capture, by trigger or by label) is walked.
     */
    static List<SnapshotRecord> filtered(Connection connection, String applianceId,
                                         SnapshotFilter filter, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE appliance_id = ?"
                + " AND tombstoned_at_ms IS NULL");
        List<Object> args = new ArrayList<>();
        args.add(applianceId);
        if (filter.from() != null) {
            sql.append(" AND captured_at_ms >= ?");
            args.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" AND captured_at_ms < ?");
            args.add(filter.to().toEpochMilli());
        }
        if (filter.trigger() != null) {
            sql.append(" AND trigger = ?");
            args.add(filter.trigger().name());
        }
        if (filter.label() != null) {
            sql.append(" AND label = ?");
            args.add(filter.label());
        }
        if (filter.after() != null) {
            sql.append(" AND (captured_at_ms < ? OR (captured_at_ms = ? AND id < ?))");
            args.add(filter.after().capturedAtMs());
            args.add(filter.after().capturedAtMs());
            args.add(filter.after().id().toString());
        }
        sql.append(" ORDER BY captured_at_ms DESC, id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            List<SnapshotRecord> result = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    result.add(read(row));
                }
            }
            return result;
        }
    }

    static void advance(Connection connection, ConsumedPosition position) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(ADVANCE_POSITION)) {
            upsert.setString(1, position.topic());
            upsert.setInt(2, position.partition());
            upsert.setLong(3, position.nextOffset());
            upsert.executeUpdate();
        }
    }

    static OptionalLong position(Connection connection, String topic, int partition)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_POSITION)) {
            select.setString(1, topic);
            select.setInt(2, partition);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** A row selected with {@link #FIELDS}, in that order. */
    static SnapshotRecord read(ResultSet row) throws SQLException {
        long retainUntilMs = row.getLong(17);
        Instant retainUntil = row.wasNull() ? null : Instant.ofEpochMilli(retainUntilMs);
        return new SnapshotRecord(SnapshotId.parse(row.getString(1)), row.getString(2),
                row.getString(3), row.getLong(4), Trigger.valueOf(row.getString(5)),
                Instant.parse(row.getString(6)), row.getString(7), row.getString(8),
                row.getInt(9) == 1, row.getLong(10), row.getString(11), row.getLong(12),
                row.getString(13), row.getString(14), row.getString(15),
                Instant.parse(row.getString(16)), retainUntil, row.getString(18));
    }
}
