package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link BlobStore} that counts the failures of the store it wraps in {@link StoreMetrics},
 * then rethrows them unchanged. Same contract and thread-safety as the wrapped store.
 */
public final class MeteredBlobStore implements BlobStore {

    private final BlobStore store;
    private final StoreMetrics metrics;

    public MeteredBlobStore(BlobStore store, StoreMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64,
                             Map<String, String> metadata, @Nullable ObjectLockRequest lock)
            throws StoreException {
        try {
            return store.create(key, file, md5Base64, metadata, lock);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.CREATE, e);
        }
    }

    @Override
    public PutOutcome createWithDigests(String key, Path file, ContentMd5 md5,
                                        Map<String, String> metadata,
                                        @Nullable ObjectLockRequest lock)
            throws StoreException {
        try {
            return store.createWithDigests(key, file, md5, metadata, lock);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.CREATE, e);
        }
    }

    @Override
    public ContentMd5.PartLayout partLayout() {
        return store.partLayout();
    }

    @Override
    public Optional<BlobInfo> head(String key) throws StoreException {
        try {
            return store.head(key);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.HEAD, e);
        }
    }

    @Override
    public InputStream open(String key) throws StoreException, IOException {
        try {
            return new FilterInputStream(store.open(key)) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (StoreReadException e) {
                        throw counted(e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (StoreReadException e) {
                        throw counted(e);
                    }
                }
            };
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.DOWNLOAD, e);
        }
    }

    private StoreReadException counted(StoreReadException e) {
        counted(StoreMetrics.Operation.DOWNLOAD, e.storeFailure());
        return e;
    }

    /**
     * The wrapped store's own probe (S3: a bounded bucket HEAD), not counted: the health endpoint
     * reports its failures, and probes every few seconds would swamp the error counter.
     */
    @Override
    public void probe() throws StoreException {
        store.probe();
    }

    @Override
    public Page list(String keyPrefix, @Nullable String startAfter, int limit)
            throws StoreException {
        try {
            return store.list(keyPrefix, startAfter, limit);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.LIST, e);
        }
    }

    @Override
    public void delete(String key) throws StoreException {
        try {
            store.delete(key);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.DELETE, e);
        }
    }

    @Override
    public void legalHold(String key, boolean on) throws StoreException {
        try {
            store.legalHold(key, on);
        } catch (StoreException e) {
            throw counted(StoreMetrics.Operation.LEGAL_HOLD, e);
        }
    }

    private StoreException counted(StoreMetrics.Operation operation, StoreException e) {
        metrics.failed(operation, e);
        return e;
    }
}
