package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.ContentDigest;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.EnrolmentToken;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.Redemption;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.StoredManifest;
import io.configvault.vault.catalog.TokenRedemption;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotIngestorTest {

    static Keys ingestKey;
    static Keys storageKey;
    static Keys escrowKey;
    static Keys applianceKey;
    static Keys foreignKey;

    @TempDir
    Path dir;

    static final ConsumedPosition AFTER = new ConsumedPosition("snapshots", 0, 7);

    InMemoryBlobStore store;
    FlakyCatalog catalog;
    SimpleMeterRegistry registry;
    SnapshotIngestor ingestor;

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        escrowKey = Keys.generate("escrow");
        applianceKey = Keys.generate("nas-1");
        foreignKey = Keys.generate("mallory");
    }

    @BeforeEach
    void vault() throws Exception {
        store = new InMemoryBlobStore();
        catalog = new FlakyCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", applianceKey.publicKey().armored(),
                applianceKey.publicKey().fingerprint(), Instant.now()));
        VaultKeys keys = new VaultKeys(ingestKey.secret(), storageKey.secret(),
                List.of(escrowKey.publicKey()));
        Files.createDirectories(dir.resolve("spool"));
        registry = new SimpleMeterRegistry();
        ingestor = ingestor(keys, Clock.systemUTC());
    }

    /** An ingestor on this test's catalog, store and spool, with a retriever like the vault's. */
    SnapshotIngestor ingestor(VaultKeys keys, Clock clock) {
        SnapshotRetriever retriever = new SnapshotRetriever(store, keys, new StorageSettings(
                dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 30));
        return new SnapshotIngestor(catalog, catalog.delegate, store, keys, clock,
                dir.resolve("spool"), 1 << 30,
                retriever, new IngestMetrics(registry));
    }

    TestSnapshots.Sealed seal(String claimed, Keys signer) throws Exception {
        return TestSnapshots.seal(dir, claimed, "lab", Map.of("config.db", "secret-row-42"),
                ingestKey.publicKey(), signer.secret());
    }

    static AssembledSnapshot assembled(String appliance, TestSnapshots.Sealed sealed)
            throws Exception {
        return new AssembledSnapshot(appliance, sealed.id(), sealed.file(),
                Files.size(sealed.file()), Sha256.of(sealed.file()));
    }

    @Test
    void storesAVerifiedSnapshotEncryptedToStorageAndEscrowKeys() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);

        var outcome = (IngestOutcome.Stored) ingestor.ingest(assembled("nas-1", sealed), AFTER);

        SnapshotRecord row = outcome.snapshot();
        assertThat(row.objectKey()).isEqualTo("snapshots/lab/nas-1/" + sealed.id() + ".tar.pgp");
        assertThat(row.bundleSha256()).isEqualTo(Sha256.of(sealed.bundle()));
        assertThat(catalog.snapshot(sealed.id())).contains(row);
        Path object = dir.resolve("object");
        store.download(row.objectKey(), object);
        assertThat(new String(Files.readAllBytes(object), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("secret-row-42");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (var in = Files.newInputStream(object)) {
            OpenPgpDecryptor.decrypt(in, plain, List.of(escrowKey.secret()),
                    storageKey.publicKey(), new OpenPgpDecryptor.Limits(1 << 20, 16));
        }
        assertThat(plain.toByteArray()).isEqualTo(sealed.bundle());
    }

    @Test
    void aStoredSnapshotIsTheAppliancesLastSignOfLife() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);

        ingestor.ingest(assembled("nas-1", sealed), AFTER);

        Manifest manifest = BundleReader.read(new java.io.ByteArrayInputStream(sealed.bundle()),
                BundleLimits.DEFAULT, BundleReader.DISCARD);
        assertThat(catalog.seen("nas-1")).contains(new ApplianceSeen("nas-1",
                manifest.capturedAt(), sealed.id(), ContentDigest.of(manifest)));
        assertThat(catalog.delegate.agentVersion("nas-1")).contains(manifest.agentVersion());
    }

    @Test
    void aStoredSnapshotsManifestEntriesAreRecordedWithItsRow() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);

        ingestor.ingest(assembled("nas-1", sealed), AFTER);

        Manifest manifest = BundleReader.read(new java.io.ByteArrayInputStream(sealed.bundle()),
                BundleLimits.DEFAULT, BundleReader.DISCARD);
        assertThat(catalog.delegate.manifest(sealed.id()))
                .contains(StoredManifest.of(manifest));
        assertThat(manifest.entries()).isNotEmpty();
    }

    @Test
    void aRedeliveryIsADuplicateAndStoresNothingNew() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);
        ingestor.ingest(assembled("nas-1", sealed), AFTER);

        IngestOutcome again = ingestor.ingest(assembled("nas-1", sealed), AFTER);

        assertThat(again).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(store.size()).isEqualTo(1);
    }

    /**
     * A pass tombstoned the snapshot and deleted its object; the redelivery arrives before the
     * purge. Stored again, its object would outlive the row the purge removes next.
     */
    @Test
    void aRedeliveryOfASnapshotRetentionIsDeletingStoresNothing() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);
        var stored = (IngestOutcome.Stored) ingestor.ingest(assembled("nas-1", sealed), AFTER);
        catalog.delegate.tombstone(List.of(new PruneCatalog.Deletion(sealed.id(), "retention",
                "test")), Instant.now());
        store.delete(stored.snapshot().objectKey());

        IngestOutcome again = ingestor.ingest(assembled("nas-1", sealed), AFTER);

        assertThat(again).isInstanceOf(IngestOutcome.Duplicate.class);
        assertThat(store.size()).isZero();
        assertThat(catalog.delegate.purge(List.of(sealed.id()))).isEqualTo(1);
        assertThat(catalog.delegate.recorded(sealed.id())).isEmpty();
    }

    @Test
    void aStoredSnapshotsRowCarriesThePartitionsPosition() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);

        ingestor.ingest(assembled("nas-1", sealed), AFTER);

        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(7);
        assertThat(catalog.snapshot(sealed.id())).isPresent();
    }

    @Test
    void aCrashBetweenPutAndCatalogRowCompletesOnRedeliveryWithOneObject() throws Exception {
        TestSnapshots.Sealed sealed = seal("nas-1", applianceKey);
        catalog.failInserts = true;
        assertThatThrownBy(() -> ingestor.ingest(assembled("nas-1", sealed), AFTER))
                .isInstanceOf(TransientIngestException.class)
                .hasMessageContaining("catalog unavailable");
        assertThat(store.size()).isEqualTo(1);
        assertThat(catalog.consumedPosition("snapshots", 0)).as("not moved by a failure")
                .isEmpty();

        catalog.failInserts = false;
        var outcome = (IngestOutcome.Stored) ingestor.ingest(assembled("nas-1", sealed), AFTER);

        assertThat(store.size()).isEqualTo(1);
        assertThat(catalog.snapshot(sealed.id())).contains(outcome.snapshot());
        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(7);
    }

    @Test
    void aSnapshotIdArrivingAgainWithOtherContentIsAnAlarmAndAQuarantine() throws Exception {
        TestSnapshots.Sealed first = seal("nas-1", applianceKey);
        ingestor.ingest(assembled("nas-1", first), AFTER);
        TestSnapshots.Sealed impostor = TestSnapshots.seal(dir, "nas-1", "lab", first.id(),
                Map.of("config.db", "other-row"), ingestKey.publicKey(), applianceKey.secret());

        var refused = (IngestOutcome.Refused) ingestor.ingest(assembled("nas-1", impostor),
                AFTER);

        assertThat(refused.category()).isEqualTo(RefusalCategory.INTEGRITY);
        assertThat(refused.reason()).isEqualTo("snapshot id already stored with different content");
        assertThat(registry.get("configvault.ingest.alarms").tag("alarm", "snapshot-id-reused")
                .counter().count()).isEqualTo(1.0);
        assertThat(catalog.snapshot(first.id())).map(SnapshotRecord::bundleSha256)
                .contains(Sha256.of(first.bundle()));
    }

    @Test
    void refusesForeignSignaturesUnknownAppliancesAndSwappedIdentities() throws Exception {
        var foreign = (IngestOutcome.Refused) ingestor.ingest(
                assembled("nas-1", seal("nas-1", foreignKey)), AFTER);
        assertThat(foreign.reason()).containsIgnoringCase("sign");
        assertThat(foreign.category()).isEqualTo(RefusalCategory.SIGNATURE);

        var unknown = (IngestOutcome.Refused) ingestor.ingest(
                assembled("nas-9", seal("nas-9", applianceKey)), AFTER);
        assertThat(unknown.reason()).isEqualTo("appliance nas-9 is not enrolled");
        assertThat(unknown.category()).isEqualTo(RefusalCategory.UNKNOWN_APPLIANCE);

        TestSnapshots.Sealed other = seal("nas-2", applianceKey);
        var swapped = (IngestOutcome.Refused) ingestor.ingest(assembled("nas-1", other), AFTER);
        assertThat(swapped.reason())
                .isEqualTo("signed manifest names appliance nas-2, the event nas-1");
        assertThat(swapped.category()).isEqualTo(RefusalCategory.IDENTITY);

        assertThat(store.size()).isZero();
        assertThat(catalog.consumedPosition("snapshots", 0)).as("moved by rows only").isEmpty();
        assertThat(catalog.delegate.lastRefusal("nas-1")).as("the enrolled one's last error")
                .hasValueSatisfying(error -> {
                    assertThat(error.category()).isEqualTo("identity");
                    assertThat(error.reason()).isEqualTo(swapped.reason());
                });
        assertThat(catalog.delegate.lastRefusal("nas-9")).as("unknown: nothing kept").isEmpty();
    }

    @Test
    void anAtRestEncryptionThatFailsIsTransientLeavesNothingAndIsRetried() throws Exception {
        // Larger than the pipe between decryption and encryption, so a decryption left waiting
        // for a stopped encryption would hang here.
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "row ".repeat(1 << 20)), ingestKey.publicKey(),
                applianceKey.secret());
        Path spool = dir.resolve("spool");
        // Where the encryption writes is taken: it fails as soon as it starts.
        Path taken = Files.createDirectory(spool.resolve(sealed.id() + ".tar.pgp"));
        Files.writeString(taken.resolve("occupied"), "x");

        assertThatThrownBy(() -> ingestor.ingest(assembled("nas-1", sealed), AFTER))
                .isInstanceOf(TransientIngestException.class)
                .hasMessageContaining("spool I/O failed")
                .hasMessageContaining(sealed.id() + ".tar.pgp");

        assertThat(store.size()).isZero();
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(catalog.delegate.lastRefusal("nas-1")).as("never the snapshot's fault")
                .isEmpty();
        assertThat(atRestThreads()).as("the encryption's thread ended").isEmpty();
        try (var left = Files.list(spool)) {
            assertThat(left).containsExactly(taken);
        }

        Files.delete(taken.resolve("occupied"));
        Files.delete(taken);
        var outcome = (IngestOutcome.Stored) ingestor.ingest(assembled("nas-1", sealed), AFTER);
        assertThat(outcome.snapshot().bundleSha256()).isEqualTo(Sha256.of(sealed.bundle()));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aSnapshotRefusedAfterItsDecryptionStopsItsEncryptionAndStoresNothing() throws Exception {
        TestSnapshots.Sealed other = TestSnapshots.seal(dir, "nas-2", "lab",
                Map.of("config.db", "row ".repeat(1 << 20)), ingestKey.publicKey(),
                applianceKey.secret());

        var swapped = (IngestOutcome.Refused) ingestor.ingest(assembled("nas-1", other), AFTER);

        assertThat(swapped.category()).isEqualTo(RefusalCategory.IDENTITY);
        assertThat(store.size()).isZero();
        assertThat(atRestThreads()).as("the encryption's thread ended").isEmpty();
        try (var left = Files.list(dir.resolve("spool"))) {
            assertThat(left).as("spool files of the refused snapshot").isEmpty();
        }
    }

    private static List<String> atRestThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("at-rest-")).toList();
    }

    /** An in-memory catalog whose inserts can be made to fail, like a full disk. */
    static final class FlakyCatalog implements Catalog {
        final InMemoryCatalog delegate = new InMemoryCatalog();
        volatile boolean failInserts;

        @Override
        public void enrol(Appliance appliance) throws CatalogException {
            delegate.enrol(appliance);
        }

        @Override
        public Optional<Appliance> appliance(String applianceId) throws CatalogException {
            return delegate.appliance(applianceId);
        }

        @Override
        public void addEnrolmentToken(EnrolmentToken token) throws CatalogException {
            delegate.addEnrolmentToken(token);
        }

        @Override
        public Optional<EnrolmentToken> enrolmentToken(String tokenHash) throws CatalogException {
            return delegate.enrolmentToken(tokenHash);
        }

        @Override
        public Redemption redeem(TokenRedemption request) throws CatalogException {
            return delegate.redeem(request);
        }

        @Override
        public boolean insert(SnapshotRecord snapshot) throws CatalogException {
            if (failInserts) {
                throw new CatalogException("catalog unavailable (disk full)", null);
            }
            return delegate.insert(snapshot);
        }

        @Override
        public boolean insert(SnapshotRecord snapshot, ConsumedPosition after)
                throws CatalogException {
            if (failInserts) {
                throw new CatalogException("catalog unavailable (disk full)", null);
            }
            return delegate.insert(snapshot, after);
        }

        @Override
        public OptionalLong consumedPosition(String topic, int partition) throws CatalogException {
            return delegate.consumedPosition(topic, partition);
        }

        @Override
        public Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException {
            return delegate.snapshot(id);
        }

        @Override
        public Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException {
            return delegate.recorded(id);
        }

        @Override
        public List<SnapshotRecord> snapshots(String applianceId, int limit)
                throws CatalogException {
            return delegate.snapshots(applianceId, limit);
        }

        @Override
        public boolean recordSeen(ApplianceSeen seen) throws CatalogException {
            if (failInserts) {
                throw new CatalogException("catalog unavailable (disk full)", null);
            }
            return delegate.recordSeen(seen);
        }

        @Override
        public Optional<ApplianceSeen> seen(String applianceId) throws CatalogException {
            return delegate.seen(applianceId);
        }
    }
}
