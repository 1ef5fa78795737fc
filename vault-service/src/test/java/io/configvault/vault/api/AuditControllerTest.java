package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.audit.AuditVerifier;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.micronaut.http.HttpStatus;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditControllerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();

    @Test
    void aPageIsNewestFirstWithTheCursorOfTheNextOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            catalog.audit(T0.plusSeconds(i), "admin", "snapshot.read", "s-" + i, "ok", "", "::1");
        }
        AuditController controller = controller(new InMemoryBlobStore());

        AuditView.Page first = controller.list(null, null, null, null, null, null, null, 2);
        assertThat(first.items()).extracting(AuditView::seq).containsExactly(3L, 2L);
        assertThat(first.next()).isEqualTo(2L);
        AuditView.Page last = controller.list(null, null, null, null, null, null, 2L, 2);
        assertThat(last.items()).extracting(AuditView::seq).containsExactly(1L);
        assertThat(last.next()).isNull();
        assertThat(controller.list(null, null, null, null, "2026-11-22T10:00:01Z", null, null,
                10).items()).extracting(AuditView::seq).containsExactly(3L, 2L);
    }

    @Test
    void badParametersAre400sSayingWhatIsExpected() {
        AuditController controller = controller(new InMemoryBlobStore());

        assertBadRequest(() -> controller.list(null, null, null, null, null, null, null, 1001),
                "limit must be between 1 and 1000.");
        assertBadRequest(() -> controller.list(null, null, null, null, null, null, null, 0),
                "limit must be between 1 and 1000.");
        assertBadRequest(() -> controller.list(null, null, null, null, null, null, 0L, 10),
                "after must be a record's seq (1 or more).");
        assertBadRequest(() -> controller.list(null, null, null, null, "yesterday", null, null,
                10), "since must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z.");
        assertBadRequest(() -> controller.list(null, null, null, null, null, "2026-11-22", null,
                10), "until must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z.");
    }

    @Test
    void anUnreachableBucketMakesTheVerificationA503() {
        assertThatThrownBy(() -> controller(new DownStore()).verification())
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat((Object) p.status())
                        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
                .hasMessage("The bucket is unavailable, so the audit log cannot be compared"
                        + " with its export; try again later.");
    }

    private AuditController controller(BlobStore store) {
        return new AuditController(catalog, new AuditVerifier(catalog, store,
                new StorageSettings(dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 20)));
    }

    private static void assertBadRequest(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat((Object) p.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage(detail);
    }

    /** A bucket that cannot be reached. */
    private static final class DownStore implements BlobStore {
        private static StoreUnavailableException down() {
            return new StoreUnavailableException("connection refused", null);
        }

        @Override
        public PutOutcome create(String key, Path file, String md5Base64,
                                 Map<String, String> metadata, ObjectLockRequest lock)
                throws StoreException {
            throw down();
        }

        @Override
        public Optional<BlobInfo> head(String key) throws StoreException {
            throw down();
        }

        @Override
        public InputStream open(String key) throws StoreException {
            throw down();
        }

        @Override
        public Page list(String keyPrefix, String startAfter, int limit) throws StoreException {
            throw down();
        }

        @Override
        public void delete(String key) throws StoreException {
            throw down();
        }
    }
}
