package io.configvault.capture.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.outbox.SqliteOutbox;
import io.configvault.capture.seal.OpenPgpSnapshotSealer;
import io.configvault.capture.seal.SealingKeys;
import io.configvault.capture.source.DirectorySource;
import io.configvault.capture.source.DirectoryTree;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.TestKeys;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.snapshot.Trigger;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures a 1 GiB directory source (four large files and 2,048 small ones) into the real
 * outbox, sealed with real keys, then decrypts and reads the bundle back. Surefire runs this
 * class alone in a JVM with {@code -Xmx64m} (see the module's POM): any step that held a file, a
 * bundle or the sealed snapshot in memory would fail with OutOfMemoryError.
 */
class DirectoryCaptureBoundedMemoryTest {

    static final int LARGE_FILES = 4;
    static final long LARGE_BYTES = 224L << 20;
    static final int SMALL_DIRS = 32;
    static final int SMALL_PER_DIR = 64;
    static final int SMALL_BYTES = 64 << 10;
    static final long TOTAL_BYTES = LARGE_FILES * LARGE_BYTES
            + (long) SMALL_DIRS * SMALL_PER_DIR * SMALL_BYTES;

    @TempDir
    Path dir;

    @Test
    void aOneGibDirectoryIsCapturedSealedAndReadBackInASmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("heap; this test proves something only in the bounded-memory execution"
                        + " (-Xmx64m)")
                .isLessThan(128L << 20);
        assertThat(TOTAL_BYTES).isEqualTo(1L << 30);
        long generating = System.nanoTime();
        Path root = generate(dir.resolve("appliance/avatars"));
        report("Generated", generating);
        TestKeys keys = TestKeys.get();
        Path dataDir = dir.resolve("agent");
        CaptureProperties capture = new CaptureProperties("nas-big", "lab", "UTC",
                dataDir.toString(), 2L << 30);

        long started = System.nanoTime();
        OutboxEntry entry;
        try (SqliteOutbox outbox = SqliteOutbox.open(dataDir)) {
            SnapshotPipeline pipeline = new SnapshotPipeline(capture, List.of(
                    new DirectorySource(new SourceSpec("avatars", SourceKind.DIRECTORY, root,
                            false), new DirectoryTree(root, List.of(), List.of()))),
                    new OpenPgpSnapshotSealer(new SealingKeys(keys.applianceSecret(),
                            keys.ingestPublic())),
                    outbox, new AgentStatus(Clock.systemUTC()), Clock.systemUTC());
            CapturedSnapshot captured = pipeline.capture(Trigger.MANUAL, null);
            entry = outbox.oldest().orElseThrow();
            assertThat(entry.snapshotId()).isEqualTo(captured.snapshotId());
            assertThat(captured.entries()).isEqualTo(LARGE_FILES + SMALL_DIRS * SMALL_PER_DIR);
            assertThat(captured.sealedBytes()).isGreaterThan(TOTAL_BYTES);
        }
        report("Captured (staged, bundled, sealed, into the outbox)", started);

        long reading = System.nanoTime();
        Manifest manifest = readBack(entry.spoolFile(), keys);
        report("Decrypted and read back", reading);
        assertThat(manifest.entries()).hasSize(LARGE_FILES + SMALL_DIRS * SMALL_PER_DIR)
                .allSatisfy(e -> assertThat(e.kind()).isEqualTo(SourceKind.DIRECTORY));
        assertThat(manifest.entries()).extracting(ManifestEntry::name)
                .startsWith("avatars/large-0.bin", "avatars/large-1.bin");
        assertThat(manifest.entriesBytes()).isEqualTo(TOTAL_BYTES);
    }

    private static void report(String what, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s %d MiB in %.1f s (%.0f MiB/s), heap %d MiB%n", what,
                TOTAL_BYTES >> 20, seconds, (TOTAL_BYTES >> 20) / seconds,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Decrypts to a spool file, then reads the bundle, which checks every entry's SHA-256. */
    private Manifest readBack(Path sealed, TestKeys keys) throws Exception {
        Path bundle = dir.resolve("bundle.tar");
        try (InputStream in = Files.newInputStream(sealed);
             OutputStream out = Files.newOutputStream(bundle)) {
            OpenPgpDecryptor.decrypt(in, out, List.of(keys.ingestSecret()),
                    keys.appliancePublic(), OpenPgpDecryptor.Limits.DEFAULT);
        }
        try (InputStream in = Files.newInputStream(bundle)) {
            return BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        }
    }

    /** Deterministic content from a seeded Random: every MiB of the large files differs. */
    private static Path generate(Path root) throws Exception {
        Files.createDirectories(root);
        Random random = new Random(20_250_301);
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        for (int f = 0; f < LARGE_FILES; f++) {
            try (OutputStream out = Files.newOutputStream(root.resolve("large-" + f + ".bin"))) {
                for (long written = 0; written < LARGE_BYTES; written += block.length) {
                    long stamp = random.nextLong();
                    for (int i = 0; i < 8; i++) {
                        block[i * 4096] = (byte) (stamp >>> (i * 8));
                    }
                    out.write(block);
                }
            }
        }
        byte[] small = new byte[SMALL_BYTES];
        for (int d = 0; d < SMALL_DIRS; d++) {
            Path sub = Files.createDirectories(root.resolve(String.format("user-%02d", d)));
            for (int f = 0; f < SMALL_PER_DIR; f++) {
                random.nextBytes(small);
                Files.write(sub.resolve(String.format("avatar-%02d.png", f)), small);
            }
        }
        return root;
    }
}
