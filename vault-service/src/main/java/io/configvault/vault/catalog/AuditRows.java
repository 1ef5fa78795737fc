package io.configvault.vault.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the {@code audit_log} and {@code audit_export} tables, for the parts of
 * {@link SqliteCatalog} ({@link SqliteDatabase} owns the connection, its transactions and its
 * monitor). {@link #insert} reads the last record and writes the next one: it must run inside a
 * transaction, under the monitor.
 */
final class AuditRows {

    private static final String FIELDS = "seq, at_ms, actor, action, target, outcome, detail,"
            + " source, prev_hash, hash";
    /**
     * The next seq comes from AUTOINCREMENT's own counter, which a deleted tail does not lower:
     * the next record then leaves a gap that the verifier reports.
     */
    private static final String NEXT_SEQ = "SELECT COALESCE((SELECT seq FROM sqlite_sequence"
            + " WHERE name = 'audit_log'), 0) + 1";
    private static final String LAST_HASH = "SELECT hash FROM audit_log"
            + " ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit_log (" + FIELDS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_RECENT = "SELECT " + FIELDS + " FROM audit_log"
            + " ORDER BY seq DESC LIMIT ?";
    private static final String SELECT_AFTER = "SELECT " + FIELDS + " FROM audit_log"
            + " WHERE seq > ? ORDER BY seq LIMIT ?";
    private static final String COUNT_CHAINED = "SELECT COUNT(*) FROM audit_log"
            + " WHERE hash IS NOT NULL";
    private static final String CHAIN = "UPDATE audit_log SET prev_hash = ?, hash = ?"
            + " WHERE seq = ?";
    private static final String SELECT_EXPORT = "SELECT last_seq, last_hash FROM audit_export"
            + " WHERE id = 1";
    private static final String RECORD_EXPORT = "INSERT INTO audit_export (id, last_seq,"
            + " last_hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " last_seq = excluded.last_seq, last_hash = excluded.last_hash"
            + " WHERE excluded.last_seq > audit_export.last_seq";
    private static final int CHAIN_PAGE = 1000;

    private AuditRows() {
    }

    /** Appends a chained record; the caller's transaction. */
    static void insert(Connection connection, Instant at, String actor, String action,
                       String target, String outcome, String detail, String source)
            throws SQLException {
        long seq = longValue(connection, NEXT_SEQ);
        String prev = AuditChain.GENESIS;
        try (PreparedStatement select = connection.prepareStatement(LAST_HASH);
             ResultSet row = select.executeQuery()) {
            if (row.next() && row.getString(1) != null) {
                prev = row.getString(1);
            }
        }
        Instant millis = Instant.ofEpochMilli(at.toEpochMilli());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, seq);
            insert.setLong(2, millis.toEpochMilli());
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setString(5, target);
            insert.setString(6, outcome);
            insert.setString(7, detail);
            insert.setString(8, source);
            insert.setString(9, prev);
            insert.setString(10, AuditChain.hash(seq, millis, actor, action, target, outcome,
                    detail, source, prev));
            insert.executeUpdate();
        }
    }

    static List<AuditRecord> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_RECENT)) {
            select.setInt(1, limit);
            return read(select);
        }
    }

    static List<AuditRecord> after(Connection connection, long afterSeq, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_AFTER)) {
            select.setLong(1, afterSeq);
            select.setInt(2, limit);
            return read(select);
        }
    }

    /** Filters are bound as parameters; only the fixed column names go into the SQL. */
    static List<AuditRecord> page(Connection connection, AuditQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + FIELDS + " FROM audit_log WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        condition(sql, values, " AND actor = ?", query.actor());
        condition(sql, values, " AND action = ?", query.action());
        condition(sql, values, " AND target = ?", query.target());
        condition(sql, values, " AND outcome = ?", query.outcome());
        condition(sql, values, " AND at_ms >= ?",
                query.since() == null ? null : query.since().toEpochMilli());
        condition(sql, values, " AND at_ms < ?",
                query.until() == null ? null : query.until().toEpochMilli());
        condition(sql, values, " AND seq < ?", query.before());
        sql.append(" ORDER BY seq DESC LIMIT ?");
        values.add(query.limit());
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            return read(select);
        }
    }

    private static void condition(StringBuilder sql, List<Object> values, String clause,
                                  Object value) {
        if (value != null) {
            sql.append(clause);
            values.add(value);
        }
    }

    /**
     * Chains the records written before the chain existed, in seq order from the genesis, when
     * no record is chained yet (the first open after the migration); otherwise does nothing (a
     * record without a hash after that is an alteration the verifier reports). The caller's
     * transaction.
     */
    static void chainLegacy(Connection connection) throws SQLException {
        if (longValue(connection, COUNT_CHAINED) > 0) {
            return;
        }
        String prev = AuditChain.GENESIS;
        long after = 0;
        try (PreparedStatement update = connection.prepareStatement(CHAIN)) {
            List<AuditRecord> page;
            do {
                page = after(connection, after, CHAIN_PAGE);
                for (AuditRecord r : page) {
                    String hash = AuditChain.hash(r.seq(), r.at(), r.actor(), r.action(),
                            r.target(), r.outcome(), r.detail(), r.source(), prev);
                    update.setString(1, prev);
                    update.setString(2, hash);
                    update.setLong(3, r.seq());
                    update.executeUpdate();
                    prev = hash;
                    after = r.seq();
                }
            } while (page.size() == CHAIN_PAGE);
        }
    }

    static AuditExport exported(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_EXPORT);
             ResultSet row = select.executeQuery()) {
            return row.next() ? new AuditExport(row.getLong(1), row.getString(2))
                    : AuditExport.NONE;
        }
    }

    static void recordExport(Connection connection, AuditExport export) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(RECORD_EXPORT)) {
            upsert.setLong(1, export.seq());
            upsert.setString(2, export.hash());
            upsert.executeUpdate();
        }
    }

    private static long longValue(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<AuditRecord> read(PreparedStatement select) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                records.add(new AuditRecord(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                        row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), row.getString(8),
                        row.getString(9), row.getString(10)));
            }
        }
        return records;
    }
}
