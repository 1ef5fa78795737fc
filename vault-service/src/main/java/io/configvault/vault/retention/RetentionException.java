package io.configvault.vault.retention;

/**
 * A preview or pass that cannot run now (the catalog or the store is unavailable); transient.
 * The message says what failed, never a secret.
 */
public final class RetentionException extends Exception {

    public RetentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
