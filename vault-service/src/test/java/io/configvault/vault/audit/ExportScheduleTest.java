package io.configvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A scheduled run never throws: a broken chain is an alarm, an unreachable bucket a warning. */
class ExportScheduleTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(ExportSchedule.class);

    @BeforeEach
    void capture() throws Exception {
        log.start();
        logger.addAppender(log);
        catalog.audit(T0, "admin", "snapshot.read", "s-1", "ok", "", "::1");
        catalog.audit(T0, "admin", "snapshot.read", "s-2", "ok", "", "::1");
    }

    @AfterEach
    void detach() throws Exception {
        logger.detachAppender(log);
    }

    @Test
    void aBrokenChainIsAnAlarmAndExportsNothing() throws Exception {
        catalog.tamper(2, r -> new AuditRecord(r.seq(), r.at(), "nobody", r.action(),
                r.target(), r.outcome(), r.detail(), r.source(), r.prevHash(), r.hash()));

        ExportSchedule.run(exporter(new InMemoryBlobStore()));

        assertThat(lines("ERROR")).containsExactly("ALARM: Cannot export audit record 2: it"
                + " does not continue the hash chain from record 1; nothing from it on is"
                + " exported until GET /api/v1/audit/verification is ok again");
        assertThat(catalog.auditExported().seq()).isZero();
    }

    @Test
    void anUnreachableBucketIsAWarningAndTheNextRunResumes() throws Exception {
        ExportSchedule.run(exporter(new DownStore()));

        assertThat(lines("WARN")).containsExactly("Cannot export the audit log now (Cannot"
                + " reach the bucket: connection refused); the next run resumes");
        assertThat(catalog.auditExported().seq()).isZero();

        ExportSchedule.run(exporter(new InMemoryBlobStore()));
        assertThat(catalog.auditExported().seq()).isEqualTo(2);
        assertThat(lines("INFO")).containsExactly("Exported 2 audit records to the bucket");
    }

    private AuditExporter exporter(BlobStore store) {
        return new AuditExporter(catalog, store, new StorageSettings(dir.resolve("catalog.db"),
                dir.resolve("spool"), 1 << 20));
    }

    private List<String> lines(String level) {
        return log.list.stream().filter(e -> e.getLevel().toString().equals(level))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** A bucket that cannot be reached. */
    private static final class DownStore implements BlobStore {
        private static StoreUnavailableException down() {
            return new StoreUnavailableException("Cannot reach the bucket: connection refused",
                    null);
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
