package io.configvault.vault.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A bucket of immutable objects.
 *
 * <p>Contract: {@link #create} is create-only and idempotent in effect — a second create of the
 * same key never replaces the first object, it answers {@link PutOutcome.AlreadyExists}. Keys are
 * built by the vault from verified identities only, never from request input. Every method
 * throws {@link StoreUnavailableException} for failures that may pass (network, 5xx, throttling:
 * retry later) and {@link StoreException} for failures that will not (403, missing bucket).
 * Implementations are thread-safe.
 */
public interface BlobStore {

    /**
     * Uploads {@code file} under {@code key} unless an object already exists there.
     *
     * @param md5Base64 Content-MD5 of the file, checked by the store on receipt
     * @param metadata  user metadata (ASCII keys and values) stored with the object
     */
    PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata)
            throws StoreException;

    /** The object's size and metadata, or empty when there is none. */
    Optional<BlobInfo> head(String key) throws StoreException;

    /** Downloads the object to {@code target} (replacing it). */
    void download(String key, Path target) throws StoreException, IOException;

    /** Outcome of {@link #create}. */
    sealed interface PutOutcome {
        /** The object was written by this call. */
        record Created(String key) implements PutOutcome {
        }

        /** An object already existed under the key; nothing was written. */
        record AlreadyExists(String key) implements PutOutcome {
        }
    }

    /** What a HEAD request tells. */
    record BlobInfo(String key, long size, Map<String, String> metadata) {
    }
}
