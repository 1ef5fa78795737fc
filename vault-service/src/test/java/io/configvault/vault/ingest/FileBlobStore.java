package io.configvault.vault.ingest;

import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobStore} on a local directory, for tests with objects too large for memory. It has no
 * Object Lock: a lock asked for is not kept (HEAD reports none).
 */
final class FileBlobStore implements BlobStore {

    private final Path dir;
    private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();

    FileBlobStore(Path dir) {
        this.dir = dir;
    }

    private Path file(String key) {
        return dir.resolve(key.replace('/', '_'));
    }

    @Override
    public PutOutcome create(String key, Path source, String md5Base64, Map<String, String> meta,
                             ObjectLockRequest lock) throws StoreException {
        try {
            Files.copy(source, file(key));
            metadata.put(key, Map.copyOf(meta));
            return new PutOutcome.Created(key);
        } catch (FileAlreadyExistsException e) {
            return new PutOutcome.AlreadyExists(key);
        } catch (IOException e) {
            throw new StoreException("Cannot store " + key, e);
        }
    }

    @Override
    public Optional<BlobInfo> head(String key) throws StoreException {
        try {
            return Files.exists(file(key))
                    ? Optional.of(new BlobInfo(key, Files.size(file(key)), metadata.get(key)))
                    : Optional.empty();
        } catch (IOException e) {
            throw new StoreException("Cannot inspect " + key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(file(key));
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) throws StoreException {
        List<ListedBlob> blobs = new ArrayList<>();
        for (String key : new TreeSet<>(metadata.keySet())) {
            if (key.startsWith(keyPrefix) && (startAfter == null || key.compareTo(startAfter) > 0)) {
                if (blobs.size() == limit) {
                    return new Page(blobs, true);
                }
                blobs.add(new ListedBlob(key, head(key).orElseThrow().size()));
            }
        }
        return new Page(blobs, false);
    }

    @Override
    public void delete(String key) throws StoreException {
        try {
            Files.deleteIfExists(file(key));
            metadata.remove(key);
        } catch (IOException e) {
            throw new StoreException("Cannot delete " + key, e);
        }
    }
}
