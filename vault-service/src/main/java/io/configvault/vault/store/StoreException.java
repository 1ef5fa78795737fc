package io.configvault.vault.store;

/** The store refused an operation in a way that retrying will not fix. */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
