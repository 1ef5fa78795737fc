package io.configvault.vault.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link StoreSelfTest} asks of a store beyond {@link BlobStore}: a create that always goes
 * through the multipart path, whatever the size, and whether the bucket has Object Lock.
 */
interface StoreProbes extends BlobStore {

    /** The bucket, for messages: {@code bucket 'vault'}. Never credentials. */
    String bucketName();

    /** {@link #create} as a multipart upload of one part, however small the file. */
    PutOutcome createInParts(String key, Path file, Map<String, String> metadata)
            throws StoreException;

    /** Whether the bucket has Object Lock enabled, and what the store answered. */
    ObjectLock objectLock() throws StoreException;

    /** @param detail what the store answered, e.g. "501 NotImplemented" */
    record ObjectLock(boolean enabled, String detail) {
    }
}
