package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A {@link AuditLog} that forwards every call to {@link #auditLog()}: how {@link SqliteCatalog}
 * and {@link InMemoryCatalog} play this role while one class per role implements it.
 */
interface ForwardingAuditLog extends AuditLog {

    /** The part that implements {@link AuditLog}. */
    AuditLog auditLog();

    @Override
    default void audit(Instant at, String actor, String action, String target, String outcome,
                       String detail, String source) throws CatalogException {
        auditLog().audit(at, actor, action, target, outcome, detail, source);
    }

    @Override
    default List<AuditRecord> recentAudit(int limit) throws CatalogException {
        return auditLog().recentAudit(limit);
    }

    @Override
    default List<AuditRecord> auditPage(AuditQuery query) throws CatalogException {
        return auditLog().auditPage(query);
    }

    @Override
    default List<AuditRecord> auditAfter(long afterSeq, int limit) throws CatalogException {
        return auditLog().auditAfter(afterSeq, limit);
    }

    @Override
    default AuditExport auditExported() throws CatalogException {
        return auditLog().auditExported();
    }

    @Override
    default void recordAuditExport(AuditExport export) throws CatalogException {
        auditLog().recordAuditExport(export);
    }
}
