package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.ForwardingStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create-only PUT that answers 412 (QUALITY scenario 9): the object in place is checked by
 * content — downloaded, decrypted, signature and digests verified — before its row is recorded,
 * and anything else there is an alarm and a refusal, never a silent success.
 */
class ExistingObjectsTest {

    static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");
    static final ConsumedPosition AFTER = new ConsumedPosition("snapshots", 0, 9);

    static Keys ingestKey;
    static Keys storageKey;
    static Keys applianceKey;

    @TempDir
    Path dir;

    FlakyStore store;
    SnapshotIngestorTest.FlakyCatalog catalog;
    SimpleMeterRegistry registry;
    MutableClock clock;
    SnapshotIngestor ingestor;

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        applianceKey = Keys.generate("nas-1");
    }

    @BeforeEach
    void vault() throws Exception {
        store = new FlakyStore();
        catalog = new SnapshotIngestorTest.FlakyCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", applianceKey.publicKey().armored(),
                applianceKey.publicKey().fingerprint(), T0));
        registry = new SimpleMeterRegistry();
        clock = new MutableClock(T0);
        VaultKeys keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        Path spool = Files.createDirectories(dir.resolve("spool"));
        SnapshotRetriever retriever = new SnapshotRetriever(store, keys,
                new StorageSettings(dir.resolve("catalog.db"), spool, 1 << 30));
        ingestor = new SnapshotIngestor(catalog, catalog.delegate, store, keys, clock, spool,
                1 << 30, retriever,
                new IngestMetrics(registry));
    }

    @Test
    void theObjectOfAnEarlierAttemptVerifiesAndGivesTheRowFromItsMetadata() throws Exception {
        TestSnapshots.Sealed sealed = seal();
        String key = storedWithoutRow(sealed);
        clock.advance(Duration.ofHours(1));

        var stored = (IngestOutcome.Stored) ingestor.ingest(assembled(sealed), AFTER);

        BlobStore.BlobInfo head = store.head(key).orElseThrow();
        assertThat(stored.snapshot())
                .isEqualTo(ObjectMetadata.parse(key, head.size(), head.metadata()));
        assertThat(stored.snapshot().storedAt()).as("from the first attempt").isEqualTo(T0);
        assertThat(catalog.snapshot(sealed.id())).contains(stored.snapshot());
        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(9);
        assertThat(store.size()).isEqualTo(1);
        assertThat(alarms()).isZero();
        assertThat(spoolFiles()).as("verified bundle removed").isEmpty();
    }

    @Test
    void anObjectHoldingAnotherSnapshotIsRefusedWithAnAlarm() throws Exception {
        TestSnapshots.Sealed sealed = seal();
        String key = storedWithoutRow(sealed);
        TestSnapshots.Sealed other = seal();
        var otherRow = (IngestOutcome.Stored) ingestor.ingest(assembled(other),
                new ConsumedPosition("snapshots", 0, 5));
        byte[] otherObject = download(otherRow.snapshot().objectKey());
        store.tamper(key, otherObject);

        var refused = (IngestOutcome.Refused) ingestor.ingest(assembled(sealed), AFTER);

        assertThat(refused.category()).isEqualTo(RefusalCategory.INTEGRITY);
        assertThat(refused.reason()).isEqualTo("an object with other content is stored under"
                + " this snapshot's key: Snapshot " + sealed.id() + " failed verification:"
                + " integrity check failed: object digest differs from the catalog");
        assertThat(alarms()).isEqualTo(1.0);
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(download(key)).as("left untouched").isEqualTo(otherObject);
        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(5);
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anObjectWhoseMetadataNamesAnotherBundleIsRefusedWithAnAlarm() throws Exception {
        TestSnapshots.Sealed sealed = seal();
        String key = storedWithoutRow(sealed);
        SnapshotRecord claimed = ObjectMetadata.parse(key, 1, store.head(key).orElseThrow()
                .metadata());
        store.replaceMetadata(key, ObjectMetadata.of(new SnapshotRecord(claimed.id(),
                claimed.applianceId(), claimed.fleet(), claimed.sequence(), claimed.trigger(),
                claimed.capturedAt(), claimed.timeZone(), claimed.label(), claimed.restorable(),
                claimed.bundleBytes(), "e".repeat(64), claimed.storedBytes(),
                claimed.storedSha256(), key, claimed.storageKey(), claimed.storedAt(), null,
                null)));

        var refused = (IngestOutcome.Refused) ingestor.ingest(assembled(sealed), AFTER);

        assertThat(refused.category()).isEqualTo(RefusalCategory.INTEGRITY);
        assertThat(refused.reason()).isEqualTo("an object with other content is stored under"
                + " this snapshot's key: its metadata names bundle SHA-256 " + "e".repeat(64)
                + ", the verified bundle has " + Sha256.of(sealed.bundle()));
        assertThat(alarms()).isEqualTo(1.0);
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
    }

    @Test
    void anUndecryptableObjectIsRefusedWithAnAlarm() throws Exception {
        TestSnapshots.Sealed sealed = seal();
        String key = storedWithoutRow(sealed);
        store.tamper(key, "not an OpenPGP message".getBytes());

        var refused = (IngestOutcome.Refused) ingestor.ingest(assembled(sealed), AFTER);

        assertThat(refused.category()).isEqualTo(RefusalCategory.INTEGRITY);
        assertThat(refused.reason()).startsWith("an object with other content is stored under"
                + " this snapshot's key: Snapshot " + sealed.id() + " failed verification: ");
        assertThat(alarms()).isEqualTo(1.0);
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(catalog.consumedPosition("snapshots", 0)).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anUnreachableStoreDuringTheCheckIsTransientAndRecordsNothing() throws Exception {
        TestSnapshots.Sealed sealed = seal();
        storedWithoutRow(sealed);
        store.failDownloads = true;

        assertThatThrownBy(() -> ingestor.ingest(assembled(sealed), AFTER))
                .isInstanceOf(TransientIngestException.class)
                .hasMessage("Cannot ingest snapshot " + sealed.id() + " of appliance nas-1:"
                        + " store unreachable (test)");

        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(catalog.consumedPosition("snapshots", 0)).isEmpty();
        assertThat(alarms()).isZero();
        store.failDownloads = false;
        assertThat(ingestor.ingest(assembled(sealed), AFTER))
                .isInstanceOf(IngestOutcome.Stored.class);
    }

    /** A first attempt that crashed after its PUT: the object is there, the row is not. */
    private String storedWithoutRow(TestSnapshots.Sealed sealed) {
        catalog.failInserts = true;
        assertThatThrownBy(() -> ingestor.ingest(assembled(sealed), AFTER))
                .isInstanceOf(TransientIngestException.class);
        catalog.failInserts = false;
        assertThat(store.size()).isPositive();
        return ObjectKeys.snapshot("lab", "nas-1", sealed.id());
    }

    private TestSnapshots.Sealed seal() throws Exception {
        return TestSnapshots.seal(dir, "nas-1", "lab", Map.of("config.db", "row"),
                ingestKey.publicKey(), applianceKey.secret());
    }

    private static AssembledSnapshot assembled(TestSnapshots.Sealed sealed) throws Exception {
        return SnapshotIngestorTest.assembled("nas-1", sealed);
    }

    private byte[] download(String key) throws Exception {
        Path file = dir.resolve("download");
        store.download(key, file);
        return Files.readAllBytes(file);
    }

    private double alarms() {
        return registry.get("configvault.ingest.alarms").tag("alarm", "existing-object-differs")
                .counter().count();
    }

    private List<Path> spoolFiles() throws IOException {
        try (var files = Files.list(dir.resolve("spool"))) {
            return files.toList();
        }
    }

    /** The in-memory store, whose downloads can be made to fail like an unreachable server. */
    static final class FlakyStore extends ForwardingStore {
        private final InMemoryBlobStore memory;
        final Map<String, Map<String, String>> metadata = new java.util.HashMap<>();
        volatile boolean failDownloads;

        FlakyStore() {
            this(new InMemoryBlobStore());
        }

        private FlakyStore(InMemoryBlobStore memory) {
            super(memory);
            this.memory = memory;
        }

        @Override
        public Optional<BlobInfo> head(String key) throws StoreException {
            return super.head(key).map(info -> metadata.containsKey(key)
                    ? new BlobInfo(key, info.size(), metadata.get(key)) : info);
        }

        @Override
        public InputStream open(String key) throws StoreException, IOException {
            if (failDownloads) {
                throw new StoreUnavailableException("store unreachable (test)", null);
            }
            return super.open(key);
        }

        void tamper(String key, byte[] content) {
            memory.tamper(key, content);
        }

        void replaceMetadata(String key, Map<String, String> replacement) {
            metadata.put(key, replacement);
        }

        int size() {
            return memory.size();
        }
    }
}
