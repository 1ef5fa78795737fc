package io.configvault.vault.store;

import java.io.IOException;

/**
 * Thrown by a stream from {@link BlobStore#open} when the store fails in the middle of the
 * object's bytes (the connection drops, the server stops answering). It is an
 * {@link IOException} only because streams may throw nothing else; {@link #storeFailure()} is
 * the failure to report, sorted like every other store failure (transient or not).
 */
public final class StoreReadException extends IOException {

    private final StoreException storeFailure;

    public StoreReadException(StoreException storeFailure) {
        super(storeFailure.getMessage(), storeFailure);
        this.storeFailure = storeFailure;
    }

    public StoreException storeFailure() {
        return storeFailure;
    }
}
