package io.configvault.vault.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link BlobStore} in memory, for unit tests. Thread-safe. */
public final class InMemoryBlobStore implements BlobStore {

    private record Blob(byte[] content, Map<String, String> metadata) {
    }

    private final NavigableMap<String, Blob> blobs = new ConcurrentSkipListMap<>();
    private final Set<String> legalHolds = ConcurrentHashMap.newKeySet();

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata)
            throws StoreException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file.getFileName(), e);
        }
        Blob previous = blobs.putIfAbsent(key, new Blob(content, Map.copyOf(metadata)));
        return previous == null ? new PutOutcome.Created(key) : new PutOutcome.AlreadyExists(key);
    }

    @Override
    public Optional<BlobInfo> head(String key) {
        Blob blob = blobs.get(key);
        return Optional.ofNullable(blob)
                .map(b -> new BlobInfo(key, b.content().length, b.metadata()));
    }

    @Override
    public void download(String key, Path target) throws StoreException, IOException {
        Blob blob = blobs.get(key);
        if (blob == null) {
            throw new StoreException("Cannot download " + key + ": no such object");
        }
        Files.write(target, blob.content());
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

    @Override
    public void delete(String key) {
        blobs.remove(key);
    }

    /** Replaces an object's bytes behind the vault's back (tests of tampering). */
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

    public void tamper(String key, byte[] content) {
        blobs.computeIfPresent(key, (k, b) -> new Blob(content, b.metadata()));
    }

    public int size() {
        return blobs.size();
    }
}
