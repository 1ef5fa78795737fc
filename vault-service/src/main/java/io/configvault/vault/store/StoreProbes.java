package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link StoreSelfTest} asks of a store beyond {@link BlobStore}: a create that always goes
 * through the multipart path, whatever the size, whether the bucket has Object Lock, and removing
 * every version of its probes (on a bucket with Object Lock, which is versioned, a plain delete
 * only hides an object behind a delete marker).
 */
interface StoreProbes extends BlobStore {

    /** The bucket, for messages: {@code bucket 'vault'}. Never credentials. */
    String bucketName();

    /** {@link #create} as a multipart upload of one part, however small the file. */
    PutOutcome createInParts(String key, Path file, Map<String, String> metadata,
                             @Nullable ObjectLockRequest lock) throws StoreException;

    /** Whether the bucket has Object Lock enabled, and what the store answered. */
    ObjectLock objectLock() throws StoreException;

    /**
     * Deletes every version and delete marker of the objects under {@code keyPrefix} (a few
     * probes; at most 100 are looked at), bypassing governance retention.
     *
     * @return how many were deleted
     * @throws StoreException when listing versions, or deleting one of them, is refused (e.g. 403
     *                        without {@code s3:BypassGovernanceRetention}); the others are still
     *                        deleted
     */
    int deleteAllVersions(String keyPrefix) throws StoreException;

    /** @param detail what the store answered, e.g. "501 NotImplemented" */
    record ObjectLock(boolean enabled, String detail) {
    }
}
