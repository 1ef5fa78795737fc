package io.configvault.vault.catalog;

/**
 * How far the audit log is exported to the bucket: the seq and hash of the last exported record.
 *
 * @param seq  0 when nothing is exported yet
 * @param hash {@link AuditChain#GENESIS} when nothing is exported yet
 */
public record AuditExport(long seq, String hash) {

    /** Nothing exported yet. */
    public static final AuditExport NONE = new AuditExport(0, AuditChain.GENESIS);
}
