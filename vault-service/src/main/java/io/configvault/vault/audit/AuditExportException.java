package io.configvault.vault.audit;

/** The audit export cannot go on: what it found contradicts the chain or an earlier export. */
public final class AuditExportException extends Exception {

    public AuditExportException(String message) {
        super(message);
    }
}
