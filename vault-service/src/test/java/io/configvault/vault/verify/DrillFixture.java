package io.configvault.vault.verify;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.ingest.AssembledSnapshot;
import io.configvault.vault.ingest.IngestOutcome;
import io.configvault.vault.ingest.SnapshotIngestor;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.SqliteSnapshots;
import io.configvault.vault.testing.SqliteSnapshots.Db;
import io.configvault.vault.testing.Ingestors;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A vault in memory for restore drills: snapshots are stored by the real ingest pipeline into an
 * {@link InMemoryBlobStore} and {@link InMemoryCatalog}, with a clock the test moves; the
 * verifier reads them back through the real retriever.
 */
final class DrillFixture {

    static final String MARKER = "plaintext-marker-5c1d";
    static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    private static Keys ingestKey;
    private static Keys storageKey;
    private static Keys applianceKey;

    final Path dir;
    final Path spool;
    final MutableClock clock = new MutableClock(T0);
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemoryBlobStore store = new InMemoryBlobStore();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final VaultKeys keys;
    final SnapshotIngestor ingestor;
    final VerificationMetrics metrics;
    final SnapshotVerifier verifier;

    DrillFixture(Path dir) throws Exception {
        synchronized (DrillFixture.class) {
            if (ingestKey == null) {
                ingestKey = Keys.generate("ingest");
                storageKey = Keys.generate("storage");
                applianceKey = Keys.generate("appliance");
            }
        }
        this.dir = dir;
        this.spool = dir.resolve("spool");
        Files.createDirectories(spool);
        keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        for (String appliance : List.of("nas-1", "nas-2", "nas-3")) {
            catalog.enrol(new Appliance(appliance, "lab", applianceKey.publicKey().armored(),
                    applianceKey.publicKey().fingerprint(), T0));
        }
        ingestor = Ingestors.of(catalog, store, keys, clock, spool);
        metrics = new VerificationMetrics(registry, catalog);
        verifier = verifier(store, spool);
    }

    /** A verifier on {@code store} and {@code spool}, recording into this fixture. */
    SnapshotVerifier verifier(BlobStore store, Path spool) {
        StorageSettings settings = new StorageSettings(dir.resolve("catalog.db"), spool, 1 << 30);
        return new SnapshotVerifier(new SnapshotRetriever(store, keys, settings), store, catalog,
                catalog, metrics, settings, clock);
    }

    /** Stores a snapshot captured and stored now (the fixture's clock) and returns its row. */
    SnapshotRecord store(String applianceId, Db db) throws Exception {
        TestSnapshots.Sealed sealed = SqliteSnapshots.seal(dir, applianceId, "lab",
                SnapshotId.mint(clock), db, MARKER, ingestKey.publicKey(), applianceKey.secret());
        var outcome = ingestor.ingest(new AssembledSnapshot(applianceId, sealed.id(),
                sealed.file(), Files.size(sealed.file()), Sha256.of(sealed.file())),
                Ingestors.POSITION);
        Files.delete(sealed.file());
        return ((IngestOutcome.Stored) outcome).snapshot();
    }

    /** The stored object's bytes, as anyone with bucket access could read them. */
    byte[] object(SnapshotRecord snapshot) throws Exception {
        Path copy = Files.createTempFile(dir, "object", ".pgp");
        store.download(snapshot.objectKey(), copy);
        byte[] bytes = Files.readAllBytes(copy);
        Files.delete(copy);
        return bytes;
    }

    /** Flips one byte in the middle of the stored object, behind the vault's back. */
    void flipByte(SnapshotRecord snapshot) throws Exception {
        byte[] bytes = object(snapshot);
        bytes[bytes.length / 2] ^= 0x01;
        store.tamper(snapshot.objectKey(), bytes);
    }

    double counter(Verification.Outcome outcome, Verification.Trigger trigger) {
        return registry.get(VerificationMetrics.VERIFICATIONS)
                .tag("outcome", outcome.wireName()).tag("trigger", trigger.wireName())
                .counter().count();
    }

    double failingGauge() {
        return registry.get(VerificationMetrics.FAILING).gauge().value();
    }

    /** Files left in the spool (plaintext must never stay behind). */
    List<Path> spoolFiles() throws Exception {
        try (var files = Files.list(spool)) {
            return files.toList();
        }
    }

    /** A bucket that cannot be reached: every call fails as a network error would. */
    static BlobStore unreachableStore() {
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
                new Class<?>[] {BlobStore.class}, (proxy, method, args) -> {
                    throw new StoreUnavailableException("Cannot reach bucket 'vault' (test)",
                            null);
                });
    }
}
