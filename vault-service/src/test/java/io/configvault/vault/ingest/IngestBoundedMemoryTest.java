package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reassembles and ingests a snapshot several times larger than the heap. Surefire runs this class
 * alone in a JVM with {@code -Xmx48m} (see the module's POM): any step that held a snapshot, a
 * bundle or an entry in memory would fail with OutOfMemoryError.
 */
class IngestBoundedMemoryTest {

    static final long ENTRY_BYTES = 192L << 20;

    @TempDir
    Path dir;

    @Test
    void aSnapshotFourTimesTheHeapIsReassembledVerifiedAndStored() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("heap; this test proves something only in the bounded-memory execution (-Xmx48m)")
                .isLessThan(ENTRY_BYTES / 2);
        Keys ingest = Keys.generate("ingest");
        Keys storage = Keys.generate("storage");
        Keys appliance = Keys.generate("nas-big");
        Path sealed = seal(ingest, appliance);

        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.enrol(new Appliance("nas-big", "lab", appliance.publicKey().armored(),
                appliance.publicKey().fingerprint(), Instant.now()));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        FileBlobStore bucket = new FileBlobStore(Files.createDirectories(dir.resolve("bucket")));
        VaultKeys keys = new VaultKeys(ingest.secret(), storage.secret(), List.of());
        SnapshotIngestor ingestor = new SnapshotIngestor(catalog, catalog, bucket, keys,
                Clock.systemUTC(), spool, 1L << 30, new SnapshotRetriever(bucket, keys,
                        new StorageSettings(dir.resolve("catalog.db"), spool, 1L << 30)),
                new IngestMetrics(new SimpleMeterRegistry()));
        PartitionAssembler assembler = new PartitionAssembler(spool, "p0",
                new ReassemblyLimits(1L << 30, 65536, 4, Duration.ofMinutes(10)),
                System::nanoTime);

        SealedSnapshotFile file = SealedSnapshotFile.of(sealed, "nas-big", id,
                SealedSnapshotFile.DEFAULT_SEGMENT_BYTES);
        PartitionAssembler.Step step = null;
        for (int i = 0; i < file.segmentCount(); i++) {
            step = assembler.accept(file.segment(i), i);
        }
        var complete = (PartitionAssembler.Step.Complete) step;
        var stored = (IngestOutcome.Stored) ingestor.ingest(complete.snapshot(),
                new ConsumedPosition("snapshots", 0, file.segmentCount()));

        assertThat(stored.snapshot().bundleBytes()).isGreaterThan(ENTRY_BYTES);
        assertThat(stored.snapshot().storedBytes()).isGreaterThan(ENTRY_BYTES);
    }

    private final SnapshotId id = SnapshotId.mint(Clock.systemUTC());

    private Path seal(Keys ingest, Keys appliance) throws Exception {
        Path entry = dir.resolve("entry.bin");
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(entry)) {
            for (long written = 0; written < ENTRY_BYTES; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, "nas-big", "lab", id, 1, Trigger.MANUAL,
                Instant.now(), ZoneId.of("UTC"), "test", null, true, null,
                List.of(new ManifestEntry("images/big.bin", SourceKind.FILE, ENTRY_BYTES,
                        Sha256.of(entry), 0644, Instant.now(), false)));
        Path bundle = dir.resolve("bundle.tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, Map.of("images/big.bin", entry), out);
        }
        Files.delete(entry);
        Path sealed = dir.resolve("sealed.pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest.publicKey()), appliance.secret(),
                    "bundle.tar");
        }
        Files.delete(bundle);
        return sealed;
    }
}
