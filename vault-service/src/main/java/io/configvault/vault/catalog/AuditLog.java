package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.List;

/**
 * The append-only, hash-chained audit log ({@link AuditChain}). {@link #audit} numbers the record
 * and links it to the previous one atomically, in the same transaction as whatever else the
 * writer commits with it (the prune pass's tombstones), so the chain has no gaps and no forks.
 * Reads return records as stored, including any a hand outside the vault altered: checking them
 * is the job of the chain's verifier, not of the log. Every method throws
 * {@link CatalogException} when the store fails. Implementations are thread-safe.
 */
public interface AuditLog {

    /** The source of records the vault writes on its own (the prune pass, schedules). */
    String INTERNAL = "internal";

    /**
     * Appends a record; the log numbers and chains it.
     *
     * @param source the client's address, or {@value #INTERNAL}
     */
    void audit(Instant at, String actor, String action, String target, String outcome,
               String detail, String source) throws CatalogException;

    /** Appends a record of the vault's own work (source {@value #INTERNAL}). */
    default void audit(Instant at, String actor, String action, String target, String outcome,
                       String detail) throws CatalogException {
        audit(at, actor, action, target, outcome, detail, INTERNAL);
    }

    /** The newest records, newest first, at most {@code limit}. */
    List<AuditRecord> recentAudit(int limit) throws CatalogException;

    /** One page of the records that match the query, newest (highest seq) first. */
    List<AuditRecord> auditPage(AuditQuery query) throws CatalogException;

    /** Records with a seq above {@code afterSeq}, oldest first, at most {@code limit}. */
    List<AuditRecord> auditAfter(long afterSeq, int limit) throws CatalogException;

    /** The last record exported to the bucket, or {@link AuditExport#NONE}. */
    AuditExport auditExported() throws CatalogException;

    /** Records that the export reached {@code export}; only forward (a lower seq is ignored). */
    void recordAuditExport(AuditExport export) throws CatalogException;
}
