package io.configvault.vault.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the {@code audit_log} table, for {@link SqliteCatalog}. */
final class AuditRows {

    private static final String INSERT = "INSERT INTO audit_log (at_ms, actor, action, target,"
            + " outcome, detail) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT_RECENT = "SELECT seq, at_ms, actor, action, target,"
            + " outcome, detail FROM audit_log ORDER BY seq DESC LIMIT ?";

    private AuditRows() {
    }

    static void insert(Connection connection, Instant at, String actor, String action,
                       String target, String outcome, String detail) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, at.toEpochMilli());
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, target);
            insert.setString(5, outcome);
            insert.setString(6, detail);
            insert.executeUpdate();
        }
    }

    static List<AuditRecord> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_RECENT)) {
            select.setInt(1, limit);
            List<AuditRecord> records = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(new AuditRecord(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                            row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), row.getString(7)));
                }
            }
            return records;
        }
    }
}
