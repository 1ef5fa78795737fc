package io.configvault.vault.store;

/** The store could not be reached or answered with a transient error: retry later. */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
