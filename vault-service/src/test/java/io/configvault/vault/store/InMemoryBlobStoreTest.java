package io.configvault.vault.store;

import org.junit.jupiter.api.BeforeEach;

class InMemoryBlobStoreTest extends BlobStoreContract {

    InMemoryBlobStore store;

    @BeforeEach
    void newStore() {
        store = new InMemoryBlobStore();
    }

    @Override
    BlobStore store() {
        return store;
    }
}
