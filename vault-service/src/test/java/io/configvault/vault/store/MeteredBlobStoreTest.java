package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredBlobStoreTest {

    @TempDir
    Path dir;

    SimpleMeterRegistry registry;
    FailingStore inner;
    MeteredBlobStore store;

    @BeforeEach
    void store() {
        registry = new SimpleMeterRegistry();
        inner = new FailingStore();
        store = new MeteredBlobStore(inner, new StoreMetrics(registry));
    }

    @Test
    void everyOperationAndKindIsRegisteredAtZero() {
        assertThat(registry.find(StoreMetrics.ERRORS).counters()).hasSize(12)
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void anUnavailableStoreIsCountedUnderItsOperationAndTheErrorPassesUnchanged() {
        StoreUnavailableException failure = new StoreUnavailableException(
                "Cannot store object x: bucket 'vault' answered 503 SlowDown", null);
        inner.failure = failure;

        assertThatThrownBy(() -> store.create("x", dir.resolve("f"), "md5", Map.of(), null))
                .isSameAs(failure);
        assertThatThrownBy(() -> store.create("x", dir.resolve("f"), "md5", Map.of(), null))
                .isSameAs(failure);

        assertThat(count("create", "unavailable")).isEqualTo(2.0);
        assertThat(count("create", "refused")).isZero();
    }

    @Test
    void aRefusalIsCountedAsRefused() {
        inner.failure = new StoreException("Cannot list: bucket 'vault' answered 403 AccessDenied");

        assertThatThrownBy(() -> store.list("snapshots/", null, 10))
                .hasMessageContaining("403 AccessDenied");
        assertThatThrownBy(() -> store.legalHold("k", true)).isInstanceOf(StoreException.class);

        assertThat(count("list", "refused")).isEqualTo(1.0);
        assertThat(count("legal-hold", "refused")).isEqualTo(1.0);
        assertThat(count("list", "unavailable")).isZero();
    }

    @Test
    void theProbeIsTheWrappedStoresOwnAndIsNotCounted() {
        StoreUnavailableException failure = new StoreUnavailableException(
                "Cannot reach bucket 'vault': connection refused", null);
        inner.failure = failure;

        assertThatThrownBy(() -> store.probe()).isSameAs(failure);

        assertThat(inner.probes).isEqualTo(1);
        assertThat(registry.find(StoreMetrics.ERRORS).counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void successesAndExistingObjectsAreNoErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "sealed");
        InMemoryBlobStore memory = new InMemoryBlobStore();
        MeteredBlobStore metered = new MeteredBlobStore(memory, new StoreMetrics(registry));

        metered.create("k", file, null, Map.of(), null);
        assertThat(metered.create("k", file, null, Map.of(), null))
                .isInstanceOf(BlobStore.PutOutcome.AlreadyExists.class);
        assertThat(metered.head("k")).isPresent();
        metered.download("k", dir.resolve("copy"));
        metered.delete("k");

        assertThat(Files.readString(dir.resolve("copy"))).isEqualTo("sealed");
        assertThat(registry.find(StoreMetrics.ERRORS).counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    private double count(String operation, String kind) {
        return registry.get(StoreMetrics.ERRORS).tag("operation", operation).tag("kind", kind)
                .counter().count();
    }

    /** Answers every call with {@link #failure}. */
    private static final class FailingStore implements BlobStore {
        StoreException failure;
        int probes;

        @Override
        public void probe() throws StoreException {
            probes++;
            throw failure;
        }

        @Override
        public PutOutcome create(String key, Path file, String md5Base64,
                                 Map<String, String> metadata, ObjectLockRequest lock)
                throws StoreException {
            throw failure;
        }

        @Override
        public Optional<BlobInfo> head(String key) throws StoreException {
            throw failure;
        }

        @Override
        public InputStream open(String key) throws StoreException {
            throw failure;
        }

        @Override
        public Page list(String keyPrefix, String startAfter, int limit) throws StoreException {
            throw failure;
        }

        @Override
        public void delete(String key) throws StoreException {
            throw failure;
        }

        @Override
        public void legalHold(String key, boolean on) throws StoreException {
            throw failure;
        }
    }
}
