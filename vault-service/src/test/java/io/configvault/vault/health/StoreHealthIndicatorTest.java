package io.configvault.vault.health;

import io.configvault.shared.health.CheckIndicator;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.MutableClock;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class StoreHealthIndicatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void aBucketThatAnswersIsUp() throws Exception {
        HealthResult result = new StoreHealthIndicator(new InMemoryBlobStore(), clock).result()
                .get();

        assertThat(result.getName()).isEqualTo("s3");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("reachable", true);
    }

    @Test
    void anUnreachableStoreIsDownAndTransientWithItsAnswer() throws Exception {
        StoreException failure = new StoreUnavailableException("Cannot reach the bucket: bucket"
                + " 'vault' is unreachable (SdkClientException: Connection refused)", null);

        HealthResult result = new StoreHealthIndicator(new FailingStore(failure), clock).result()
                .get();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result)).containsEntry("reachable", false)
                .containsEntry("transient", true)
                .containsEntry("error", failure.getMessage());
    }

    @Test
    void aStoreThatRefusesIsDownAndNotTransient() {
        var result = StoreHealthIndicator.probe(new FailingStore(new StoreException(
                "Cannot reach the bucket: bucket 'vault' answered 403 AccessDenied")));

        assertThat(result.up()).isFalse();
        assertThat(result.details()).containsEntry("transient", false)
                .containsEntry("error", "Cannot reach the bucket: bucket 'vault' answered 403"
                        + " AccessDenied");
    }

    @Test
    void theAnswerIsReusedForAWhileThenTheStoreIsAskedAgain() throws Exception {
        FailingStore store = new FailingStore(new StoreUnavailableException("down", null));
        StoreHealthIndicator indicator = new StoreHealthIndicator(store, clock);
        assertThat(indicator.result().get().getStatus()).isEqualTo(HealthStatus.DOWN);

        store.failure = null;
        assertThat(indicator.result().get().getStatus()).as("within MAX_AGE")
                .isEqualTo(HealthStatus.DOWN);
        clock.advance(CheckIndicator.MAX_AGE);
        assertThat(indicator.result().get().getStatus()).isEqualTo(HealthStatus.UP);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    /** An in-memory store whose listings (the default probe) fail while {@link #failure} is set. */
    private static final class FailingStore implements BlobStore {

        private final InMemoryBlobStore memory = new InMemoryBlobStore();
        volatile StoreException failure;

        FailingStore(StoreException failure) {
            this.failure = failure;
        }

        @Override
        public PutOutcome create(String key, Path file, String md5Base64,
                                 Map<String, String> metadata, @Nullable ObjectLockRequest lock)
                throws StoreException {
            return memory.create(key, file, md5Base64, metadata, lock);
        }

        @Override
        public Optional<BlobInfo> head(String key) throws StoreException {
            return memory.head(key);
        }

        @Override
        public java.io.InputStream open(String key) throws StoreException {
            return memory.open(key);
        }

        @Override
        public Page list(String keyPrefix, @Nullable String startAfter, int limit)
                throws StoreException {
            StoreException current = failure;
            if (current != null) {
                throw current;
            }
            return memory.list(keyPrefix, startAfter, limit);
        }

        @Override
        public void delete(String key) throws StoreException {
            memory.delete(key);
        }
    }
}
