package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the {@code snapshot_requests} table, for {@link SqliteCatalog}. */
final class SnapshotRequestRows {

    private static final String COLUMNS = "request_id, appliance_id, fleet, scope, label,"
            + " requested_at_ms, requested_by, expires_at_ms, fulfilled_snapshot, fulfilled_at_ms";
    private static final String INSERT = "INSERT OR IGNORE INTO snapshot_requests (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)";
    private static final String FULFIL = "UPDATE snapshot_requests SET fulfilled_snapshot = ?,"
            + " fulfilled_at_ms = ? WHERE request_id = ? AND appliance_id = ?"
            + " AND fulfilled_snapshot IS NULL";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM snapshot_requests"
            + " WHERE request_id = ? AND appliance_id > ? ORDER BY appliance_id LIMIT ?";
    private static final String PROGRESS = "SELECT count(*), count(fulfilled_snapshot)"
            + " FROM snapshot_requests WHERE request_id = ?";
    private static final String FLEET = "SELECT id FROM appliances WHERE fleet = ? AND id > ?"
            + " ORDER BY id LIMIT ?";

    private SnapshotRequestRows() {
    }

    static int insert(Connection connection, SnapshotRequestRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, row.requestId().toString());
            insert.setString(2, row.applianceId());
            insert.setString(3, row.fleet());
            insert.setString(4, row.scope());
            if (row.label() == null) {
                insert.setNull(5, Types.VARCHAR);
            } else {
                insert.setString(5, row.label());
            }
            insert.setLong(6, row.requestedAt().toEpochMilli());
            insert.setString(7, row.requestedBy());
            insert.setLong(8, row.expiresAt().toEpochMilli());
            return insert.executeUpdate();
        }
    }

    static int fulfil(Connection connection, SnapshotId requestId, String applianceId,
                      SnapshotId snapshot, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FULFIL)) {
            update.setString(1, snapshot.toString());
            update.setLong(2, at.toEpochMilli());
            update.setString(3, requestId.toString());
            update.setString(4, applianceId);
            return update.executeUpdate();
        }
    }

    static List<SnapshotRequestRow> select(Connection connection, SnapshotId requestId,
                                           String afterAppliance, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, requestId.toString());
            select.setString(2, afterAppliance == null ? "" : afterAppliance);
            select.setInt(3, limit);
            List<SnapshotRequestRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String fulfilled = row.getString(9);
                    long fulfilledAt = row.getLong(10);
                    rows.add(new SnapshotRequestRow(SnapshotId.parse(row.getString(1)),
                            row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), Instant.ofEpochMilli(row.getLong(6)),
                            row.getString(7), Instant.ofEpochMilli(row.getLong(8)),
                            fulfilled == null ? null : SnapshotId.parse(fulfilled),
                            fulfilled == null ? null : Instant.ofEpochMilli(fulfilledAt)));
                }
            }
            return rows;
        }
    }

    static SnapshotRequestCatalog.Progress progress(Connection connection, SnapshotId requestId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PROGRESS)) {
            select.setString(1, requestId.toString());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new SnapshotRequestCatalog.Progress(row.getInt(1), row.getInt(2));
            }
        }
    }

    static List<String> fleetAppliances(Connection connection, String fleet, String after,
                                        int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(FLEET)) {
            select.setString(1, fleet);
            select.setString(2, after == null ? "" : after);
            select.setInt(3, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
        }
    }
}
