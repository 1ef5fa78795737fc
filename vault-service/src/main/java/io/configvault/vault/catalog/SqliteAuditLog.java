package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.List;

/**
 * {@link AuditLog} in the SQLite catalog ({@link AuditRows}). A record is numbered and chained in
 * its own transaction under the database's monitor, so no other writer comes between reading the
 * previous record's hash and inserting the next.
 */
final class SqliteAuditLog implements AuditLog {

    private final SqliteDatabase database;

    SqliteAuditLog(SqliteDatabase database) {
        this.database = database;
    }

    /** One transaction: the next seq, the previous hash and the row are read and written. */
    @Override
    public void audit(Instant at, String actor, String action, String target, String outcome,
                      String detail, String source) throws CatalogException {
        database.inTransaction("write an audit record of " + action, c -> {
            AuditRows.insert(c, at, actor, action, target, outcome, detail, source);
            return null;
        });
    }

    @Override
    public List<AuditRecord> recentAudit(int limit) throws CatalogException {
        return database.query("read the audit log", c -> AuditRows.recent(c, limit));
    }

    @Override
    public List<AuditRecord> auditPage(AuditQuery query) throws CatalogException {
        return database.query("read the audit log", c -> AuditRows.page(c, query));
    }

    @Override
    public List<AuditRecord> auditAfter(long afterSeq, int limit) throws CatalogException {
        return database.query("read the audit log after record " + afterSeq,
                c -> AuditRows.after(c, afterSeq, limit));
    }

    @Override
    public AuditExport auditExported() throws CatalogException {
        return database.query("read the audit export position", AuditRows::exported);
    }

    @Override
    public void recordAuditExport(AuditExport export) throws CatalogException {
        database.run("record the audit export position " + export.seq(),
                c -> AuditRows.recordExport(c, export));
    }
}
