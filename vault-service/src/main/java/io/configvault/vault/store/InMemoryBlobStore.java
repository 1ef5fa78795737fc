package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link BlobStore} in memory, for unit tests. Thread-safe.
 *
 * <p>Object Lock: an object created with a lock keeps it (HEAD reports it with the legal hold),
 * and {@link #delete} refuses an object whose retention has not passed on the given clock or whose
 * legal hold is on, so that a test notices a premature delete. (S3 refuses such a delete of the
 * object's version; a delete without a version on a versioned bucket — what the S3 store sends —
 * instead hides the object behind a delete marker and keeps the locked version.)
 */
public final class InMemoryBlobStore implements BlobStore {

    private record Blob(byte[] content, Map<String, String> metadata,
                        @Nullable ObjectLockRequest lock) {
    }

    private final NavigableMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Set<String> legalHolds = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    /** @param clock the store's clock, which retain-until dates are compared with */
    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata,
                             @Nullable ObjectLockRequest lock) throws StoreException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file.getFileName(), e);
        }
        if (lock != null && !lock.retainUntil().isAfter(clock.instant())) {
            throw new StoreException("Cannot store object " + key + ": the retain-until date "
                    + lock.retainUntil() + " is not in the future");
        }
        Blob previous = blobs.putIfAbsent(key, new Blob(content, Map.copyOf(metadata), lock));
        return previous == null ? new PutOutcome.Created(key) : new PutOutcome.AlreadyExists(key);
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        Blob blob = blobs.get(key);
        return Optional.ofNullable(blob).map(b -> new BlobInfo(key, b.content().length,
                b.metadata(), new LockStatus(b.lock() == null ? null : b.lock().mode(),
                        b.lock() == null ? null : b.lock().retainUntil(),
                        legalHolds.contains(key))));
    }

    @Override
    public InputStream open(String key) throws StoreException {
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new StoreException("Cannot download " + key + ": no such object");
        }
        return new ByteArrayInputStream(blob.content());
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("Cannot list: limit " + limit + " is not 1 to 1000");
        }
        NavigableMap<String, Blob> tail = startAfter == null
                ? blobs.tailMap(keyPrefix, true) : blobs.tailMap(startAfter, false);
        List<ListedBlob> page = new ArrayList<>();
        for (Map.Entry<String, Blob> entry : tail.entrySet()) {
            if (!entry.getKey().startsWith(keyPrefix)) {
                if (entry.getKey().compareTo(keyPrefix) > 0) {
                    break;
                }
                continue;
            }
            if (page.size() == limit) {
                return new Page(page, true);
            }
            page.add(new ListedBlob(entry.getKey(), entry.getValue().content().length));
        }
        return new Page(page, false);
    }

    /** Refuses a locked object (see the class comment); a missing object is fine. */
    @Override
    public void delete(String key) throws StoreException {
        Blob blob = blobs.get(key);
        if (blob == null) {
            return;
        }
        if (legalHolds.contains(key)) {
            throw new StoreException("Cannot delete object " + key + ": a legal hold is on it");
        }
        if (blob.lock() != null && blob.lock().retainUntil().isAfter(clock.instant())) {
            throw new StoreException("Cannot delete object " + key + ": it is locked ("
                    + blob.lock() + ")");
        }
        blobs.remove(key);
    }

    /** Records the hold; an object that does not exist is refused, as S3 does (404). */
    @Override
    public void legalHold(String key, boolean on) throws StoreException {
        if (!blobs.containsKey(key)) {
            throw new StoreException("Cannot set a legal hold on " + key + ": no such object");
        }
        if (on) {
            legalHolds.add(key);
        } else {
            legalHolds.remove(key);
        }
    }

    /** Whether a legal hold is on the object (for tests). */
    public boolean legalHoldOn(String key) {
        return legalHolds.contains(key);
    }

    /** The lock the object was created with, if any (for tests). */
    public Optional<ObjectLockRequest> lock(String key) {
        return Optional.ofNullable(blobs.get(key)).map(Blob::lock);
    }

    /** Replaces an object's bytes behind the vault's back (tests of tampering). */
    public void tamper(String key, byte[] content) {
        blobs.computeIfPresent(key, (k, b) -> new Blob(content, b.metadata(), b.lock()));
    }

    public int size() {
        return blobs.size();
    }
}
