package io.configvault.vault.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StoreProbes} over an {@link InMemoryBlobStore} that can be told to lack one capability
 * at a time, for unit tests of {@link StoreSelfTest}.
 */
final class MisbehavingStore implements StoreProbes {

    final InMemoryBlobStore store = new InMemoryBlobStore();
    boolean ignoreConditionalWrites;
    boolean refuseConditionalWrites;
    boolean ignoreConditionalCompletion;
    boolean dropMetadata;
    boolean corruptReads;
    boolean hideFromListings;
    boolean ignoreDeletes;
    boolean objectLock;
    /** The first create is stored but answered 412, as when its response was lost and retried. */
    boolean loseFirstResponse;
    /** Every create of a new key answers 412 and stores nothing. */
    boolean preconditionFailsAlways;
    StoreException refuseWrites;

    @Override
    public String bucketName() {
        return "vault";
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata)
            throws StoreException {
        if (refuseWrites != null) {
            throw refuseWrites;
        }
        if (ignoreConditionalWrites) {
            store.delete(key);
        }
        if (preconditionFailsAlways) {
            return new PutOutcome.AlreadyExists(key);
        }
        if (loseFirstResponse) {
            loseFirstResponse = false;
            store.create(key, file, md5Base64, metadata);
            return new PutOutcome.AlreadyExists(key);
        }
        if (refuseConditionalWrites && store.head(key).isPresent()) {
            throw new StoreException("Cannot store object " + key
                    + ": bucket 'vault' answered 501 NotImplemented");
        }
        return store.create(key, file, md5Base64, dropMetadata ? Map.of() : metadata);
    }

    @Override
    public PutOutcome createInParts(String key, Path file, Map<String, String> metadata)
            throws StoreException {
        if (ignoreConditionalCompletion) {
            store.delete(key);
        }
        return store.create(key, file, "", metadata);
    }

    @Override
    public ObjectLock objectLock() {
        return new ObjectLock(objectLock, objectLock ? "Object Lock enabled"
                : "404 ObjectLockConfigurationNotFoundError");
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        return store.head(key);
    }

    @Override
    public void download(String key, Path target) throws StoreException, IOException {
        store.download(key, target);
        if (corruptReads) {
            byte[] bytes = Files.readAllBytes(target);
            bytes[0] ^= 1;
            Files.write(target, bytes);
        }
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) {
        return hideFromListings ? new Page(List.of(), false)
                : store.list(keyPrefix, startAfter, limit);
    }

    @Override
    public void delete(String key) {
        if (!ignoreDeletes) {
            store.delete(key);
        }
    }
}
