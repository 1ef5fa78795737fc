package io.configvault.vault.catalog;

/**
 * The catalog could not complete an operation (disk full, file unwritable, locked). The vault
 * treats it as transient: it pauses, commits nothing and retries.
 */
public class CatalogException extends Exception {

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
