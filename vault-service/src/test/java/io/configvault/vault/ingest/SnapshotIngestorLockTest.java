package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retention.Policies;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.RetentionPolicy;
import io.configvault.vault.retention.StoredPolicy;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest with {@code vault.s3.object-lock=required}: the object is written with the
 * retain-until of {@link LockTerms}, and its row and metadata record it; a redelivered snapshot
 * keeps the lock its object has.
 */
class SnapshotIngestorLockTest {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00.250Z");
    static final ConsumedPosition AFTER = new ConsumedPosition("snapshots", 0, 4);

    static Keys ingestKey;
    static Keys storageKey;
    static Keys applianceKey;

    @TempDir
    Path dir;

    MutableClock clock;
    InMemoryBlobStore store;
    SnapshotIngestorTest.FlakyCatalog catalog;
    VaultKeys keys;
    final Map<PolicyScope, StoredPolicy> policies = new HashMap<>();
    volatile boolean policiesUnreadable;
    final Policies.Lookup<CatalogException> lookup = scope -> {
        if (policiesUnreadable) {
            throw new CatalogException("Cannot read the retention policy of " + scope.key()
                    + " in catalog catalog.db: disk I/O error", null);
        }
        return Optional.ofNullable(policies.get(scope));
    };

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        applianceKey = Keys.generate("nas-1");
    }

    @BeforeEach
    void vault() throws Exception {
        clock = new MutableClock(T0);
        store = new InMemoryBlobStore(clock);
        catalog = new SnapshotIngestorTest.FlakyCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", applianceKey.publicKey().armored(),
                applianceKey.publicKey().fingerprint(), T0));
        keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        Files.createDirectories(dir.resolve("spool"));
    }

    SnapshotIngestor ingestor(LockTerms locks) {
        SnapshotRetriever retriever = new SnapshotRetriever(store, keys, new StorageSettings(
                dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 30));
        return new SnapshotIngestor(catalog, catalog.delegate, store, keys, clock,
                dir.resolve("spool"), 1 << 30,
                retriever, new IngestMetrics(new SimpleMeterRegistry()), FaultPoint.NONE, locks);
    }

    LockTerms compliance() {
        return new LockTerms(ObjectLockRequest.Mode.COMPLIANCE, Duration.ofDays(1), lookup);
    }

    void vaultPolicy(String manualWithin) {
        RetentionPolicy policy = new RetentionPolicy(LockTermsTest.within("7d"),
                Map.of(Trigger.MANUAL, LockTermsTest.within(manualWithin)), null);
        policies.put(PolicyScope.VAULT, new StoredPolicy(PolicyScope.VAULT, policy, T0, "admin"));
    }

    TestSnapshots.Sealed seal() throws Exception {
        return TestSnapshots.seal(dir, "nas-1", "lab", Map.of("config.db", "row"),
                ingestKey.publicKey(), applianceKey.secret());
    }

    static AssembledSnapshot assembled(TestSnapshots.Sealed sealed) throws Exception {
        return new AssembledSnapshot("nas-1", sealed.id(), sealed.file(),
                Files.size(sealed.file()), Sha256.of(sealed.file()));
    }

    @Test
    void theObjectItsRowAndItsMetadataCarryTheRetainUntil() throws Exception {
        vaultPolicy("30d");
        TestSnapshots.Sealed sealed = seal();

        var stored = (IngestOutcome.Stored) ingestor(compliance())
                .ingest(assembled(sealed), AFTER);

        SnapshotRecord row = stored.snapshot();
        Instant until = Instant.parse("2026-07-01T10:00:01Z");
        assertThat(row.storedAt()).isEqualTo(T0);
        assertThat(row.retainUntil()).as("MANUAL keep-within 30d, rounded up").isEqualTo(until);
        assertThat(row.lockMode()).isEqualTo("COMPLIANCE");
        assertThat(store.lock(row.objectKey())).contains(
                new ObjectLockRequest(ObjectLockRequest.Mode.COMPLIANCE, until));
        BlobStore.BlobInfo head = store.head(row.objectKey()).orElseThrow();
        assertThat(head.metadata()).containsEntry(ObjectMetadata.RETAIN_UNTIL, until.toString())
                .containsEntry(ObjectMetadata.LOCK_MODE, "COMPLIANCE");
        assertThat(ObjectMetadata.parse(row.objectKey(), head.size(), head.metadata()))
                .as("what rebuild-catalog would record").isEqualTo(row);
        assertThat(catalog.snapshot(sealed.id())).contains(row);
    }

    @Test
    void withObjectLockOffNothingIsLocked() throws Exception {
        vaultPolicy("30d");
        TestSnapshots.Sealed sealed = seal();

        var stored = (IngestOutcome.Stored) ingestor(LockTerms.NONE)
                .ingest(assembled(sealed), AFTER);

        SnapshotRecord row = stored.snapshot();
        assertThat(row.retainUntil()).isNull();
        assertThat(row.lockMode()).isNull();
        assertThat(store.lock(row.objectKey())).isEmpty();
        assertThat(store.head(row.objectKey()).orElseThrow().metadata())
                .doesNotContainKeys(ObjectMetadata.RETAIN_UNTIL, ObjectMetadata.LOCK_MODE);
    }

    @Test
    void aPolicyThatCannotBeReadStoresNothingAndIsRetried() throws Exception {
        policiesUnreadable = true;
        TestSnapshots.Sealed sealed = seal();

        assertThatThrownBy(() -> ingestor(compliance()).ingest(assembled(sealed), AFTER))
                .isInstanceOf(TransientIngestException.class)
                .hasMessage("Cannot ingest snapshot " + sealed.id() + " of appliance nas-1:"
                        + " Cannot read the retention policy of appliance:nas-1 in catalog"
                        + " catalog.db: disk I/O error");
        assertThat(store.size()).isZero();
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(catalog.consumedPosition("snapshots", 0)).isEmpty();

        policiesUnreadable = false;
        assertThat(ingestor(compliance()).ingest(assembled(sealed), AFTER))
                .isInstanceOf(IngestOutcome.Stored.class);
    }

    /** A crash between PUT and row, then a policy change: the object's own lock is recorded. */
    @Test
    void aRedeliveryRecordsTheLockTheObjectWasWrittenWithNotTheNewPolicys() throws Exception {
        vaultPolicy("30d");
        TestSnapshots.Sealed sealed = seal();
        catalog.failInserts = true;
        assertThatThrownBy(() -> ingestor(compliance()).ingest(assembled(sealed), AFTER))
                .isInstanceOf(TransientIngestException.class);
        catalog.failInserts = false;
        vaultPolicy("1y");
        clock.advance(Duration.ofHours(1));

        var stored = (IngestOutcome.Stored) ingestor(compliance())
                .ingest(assembled(sealed), AFTER);

        Instant first = Instant.parse("2026-07-01T10:00:01Z");
        assertThat(stored.snapshot().retainUntil()).isEqualTo(first);
        assertThat(store.lock(stored.snapshot().objectKey())).contains(
                new ObjectLockRequest(ObjectLockRequest.Mode.COMPLIANCE, first));
        assertThat(catalog.snapshot(sealed.id())).contains(stored.snapshot());
    }
}
