package io.configvault.vault.retrieve;

/**
 * The snapshot's object is encrypted to a storage key the vault is not configured with (e.g. a
 * rotated-out key whose file was removed from
 * {@code vault.keys.previous-storage-secret-key-files}). Nothing was downloaded or decrypted;
 * the object itself may be intact, and an escrow key still recovers it. A configuration
 * problem, not evidence of tampering — but, like an integrity failure, nothing is released.
 */
public final class StorageKeyUnavailableException extends IntegrityException {

    private final String fingerprint;

    public StorageKeyUnavailableException(String message, String fingerprint) {
        super(message, null);
        this.fingerprint = fingerprint;
    }

    /** Fingerprint of the storage key the object is encrypted to. */
    public String fingerprint() {
        return fingerprint;
    }
}
