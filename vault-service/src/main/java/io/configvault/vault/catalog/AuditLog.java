package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.List;

/** The append-only audit log. Implementations are thread-safe. */
public interface AuditLog {

    /** Appends a record; the log numbers it. */
    void audit(Instant at, String actor, String action, String target, String outcome,
               String detail) throws CatalogException;

    /** The newest records, newest first, at most {@code limit}. */
    List<AuditRecord> recentAudit(int limit) throws CatalogException;
}
