package io.configvault.vault.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StoreProbes} over an {@link InMemoryBlobStore} that can be told to lack one capability
 * at a time, for unit tests of {@link StoreSelfTest}.
 *
 * <p>With {@link #objectLock} it behaves like a versioned S3 bucket with Object Lock: objects
 * keep the retention they were written with and their legal hold, a plain delete hides an object
 * but keeps its version ({@link #versions}), and {@link #deleteAllVersions} removes those
 * versions (bypassing governance retention) unless {@link #refuseBypass} is set for the locked
 * ones.
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
    /** Writes with a lock are refused with this (e.g. a retain-until past on the store's clock). */
    StoreException refuseLockedWrites;
    /** Accepts lock headers (and legal holds) but HEAD reports none: a store that ignores them. */
    boolean forgetLocks;
    /** Only the multipart path forgets the lock headers. */
    boolean forgetMultipartLocks;
    /** Legal holds are accepted but HEAD never reports one. */
    boolean forgetLegalHolds;
    /** Legal holds are refused (501). */
    boolean refuseLegalHolds;
    /** Turning a legal hold off is refused (403). */
    boolean refuseLegalHoldRelease;
    /** Deleting a version under governance retention is refused (403: no bypass right). */
    boolean refuseBypass;

    /** The retention each object was written with (what HEAD reports unless forgotten). */
    final Map<String, ObjectLockRequest> locks = new ConcurrentHashMap<>();
    final Map<String, Boolean> holds = new ConcurrentHashMap<>();
    /** Keys deleted from a bucket with Object Lock: their versions are still in the bucket. */
    final List<String> versions = new ArrayList<>();
    final List<String> lockedWrites = new ArrayList<>();

    @Override
    public String bucketName() {
        return "vault";
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata,
                             ObjectLockRequest lock) throws StoreException {
        if (refuseWrites != null) {
            throw refuseWrites;
        }
        if (lock != null && refuseLockedWrites != null) {
            throw refuseLockedWrites;
        }
        if (ignoreConditionalWrites) {
            store.delete(key);
        }
        if (preconditionFailsAlways) {
            return new PutOutcome.AlreadyExists(key);
        }
        if (loseFirstResponse) {
            loseFirstResponse = false;
            store.create(key, file, md5Base64, metadata, null);
            return new PutOutcome.AlreadyExists(key);
        }
        if (refuseConditionalWrites && store.head(key).isPresent()) {
            throw new StoreException("Cannot store object " + key
                    + ": bucket 'vault' answered 501 NotImplemented");
        }
        PutOutcome outcome = store.create(key, file, md5Base64,
                dropMetadata ? Map.of() : metadata, null);
        remember(key, lock, forgetLocks);
        return outcome;
    }

    @Override
    public PutOutcome createInParts(String key, Path file, Map<String, String> metadata,
                                    ObjectLockRequest lock) throws StoreException {
        if (lock != null && refuseLockedWrites != null) {
            throw refuseLockedWrites;
        }
        if (ignoreConditionalCompletion) {
            store.delete(key);
        }
        PutOutcome outcome = store.create(key, file, "", metadata, null);
        remember(key, lock, forgetLocks || forgetMultipartLocks);
        return outcome;
    }

    private void remember(String key, ObjectLockRequest lock, boolean forget) {
        if (lock != null) {
            lockedWrites.add(key);
            if (!forget) {
                locks.putIfAbsent(key, lock);
            }
        }
    }

    @Override
    public ObjectLock objectLock() {
        return new ObjectLock(objectLock, objectLock ? "Object Lock enabled"
                : "404 ObjectLockConfigurationNotFoundError");
    }

    @Override
    public void legalHold(String key, boolean on) throws StoreException {
        if (refuseLegalHolds) {
            throw new StoreException("Cannot turn on the legal hold of object " + key
                    + ": bucket 'vault' answered 501 NotImplemented");
        }
        if (!on && refuseLegalHoldRelease) {
            throw new StoreException("Cannot turn off the legal hold of object " + key
                    + ": bucket 'vault' answered 403 AccessDenied");
        }
        if (store.head(key).isEmpty()) {
            throw new StoreException("Cannot set a legal hold on " + key + ": no such object");
        }
        if (!forgetLegalHolds && !forgetLocks) {
            holds.put(key, on);
        }
    }

    @Override
    public int deleteAllVersions(String keyPrefix) throws StoreException {
        int deleted = 0;
        StoreException refused = null;
        for (String key : List.copyOf(versions)) {
            if (!key.startsWith(keyPrefix)) {
                continue;
            }
            if (refuseBypass && locks.containsKey(key)) {
                refused = new StoreException("Cannot delete version 1 of object " + key
                        + ": bucket 'vault' answered 403 AccessDenied");
                continue;
            }
            versions.remove(key);
            locks.remove(key);
            deleted++;
        }
        if (refused != null) {
            throw refused;
        }
        return deleted;
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        return store.head(key).map(info -> new BlobInfo(key, info.size(), info.metadata(),
                new LockStatus(locks.containsKey(key) ? locks.get(key).mode() : null,
                        locks.containsKey(key) ? locks.get(key).retainUntil() : null,
                        holds.getOrDefault(key, false))));
    }

    @Override
    public InputStream open(String key) throws StoreException, IOException {
        if (!corruptReads) {
            return store.open(key);
        }
        byte[] bytes;
        try (InputStream in = store.open(key)) {
            bytes = in.readAllBytes();
        }
        bytes[0] ^= 1;
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) {
        return hideFromListings ? new Page(List.of(), false)
                : store.list(keyPrefix, startAfter, limit);
    }

    /** On a bucket with Object Lock a delete hides the object and keeps its version. */
    @Override
    public void delete(String key) throws StoreException {
        if (ignoreDeletes) {
            return;
        }
        if (objectLock && store.head(key).isPresent()) {
            versions.add(key);
        }
        store.delete(key);
    }
}
