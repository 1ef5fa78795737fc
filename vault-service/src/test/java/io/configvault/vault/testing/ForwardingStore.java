package io.configvault.vault.testing;

import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A {@link BlobStore} that passes every call on; tests override the calls they break. */
public class ForwardingStore implements BlobStore {

    private final BlobStore target;

    public ForwardingStore(BlobStore target) {
        this.target = target;
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata,
                             @Nullable ObjectLockRequest lock) throws StoreException {
        return target.create(key, file, md5Base64, metadata, lock);
    }

    @Override
    public Optional<BlobInfo> head(String key) throws StoreException {
        return target.head(key);
    }

    @Override
    public InputStream open(String key) throws StoreException, IOException {
        return target.open(key);
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) throws StoreException {
        return target.list(keyPrefix, startAfter, limit);
    }

    @Override
    public void delete(String key) throws StoreException {
        target.delete(key);
    }
}
