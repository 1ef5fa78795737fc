package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.snapshot.SnapshotPipeline;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores an entry several times larger than the heap: download, verification, unpacking,
 * planning, the new file, the pre-restore snapshot of the old one and the swap all stream.
 * Surefire runs this class alone in a JVM with {@code -Xmx48m} (see the module's POM).
 */
class RestoreBoundedMemoryTest {

    static final long ENTRY_BYTES = 160L << 20;

    @TempDir
    Path dir;

    @Test
    void anEntryThreeTimesTheHeapIsRestored() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("heap; this test proves something only in the bounded-memory execution"
                        + " (-Xmx48m)").isLessThan(ENTRY_BYTES / 2);
        Path target = Files.createDirectories(dir.resolve("appliance")).resolve("large.img");
        write(target, 1);
        SourceSpec spec = new SourceSpec("large.img", SourceKind.FILE, target, false);
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.capture(dir.resolve("snapshot"),
                SnapshotFixtures.APPLIANCE, List.of(spec));
        String restoredSha256 = Sha256.of(target);
        Files.delete(target);
        write(target, 2);
        Path data = dir.resolve("data");
        InMemoryOutbox outbox = new InMemoryOutbox(data.resolve("spool"));
        Clock clock = Clock.systemUTC();

        try (CannedVault vault = CannedVault.start().serve(snapshot);
             RestoreWorkspace workspace = RestoreWorkspace.open(data);
             VaultClient client = new VaultClient(vault.uri(), CannedVault.TOKEN,
                     dir.resolve("token"), Duration.ofMinutes(1))) {
            SnapshotPipeline pipeline = new SnapshotPipeline(new CaptureProperties(
                    SnapshotFixtures.APPLIANCE, "lab", "UTC", data.toString(), 1L << 30),
                    List.of(new FileSource(spec)), (bundle, sealed) -> Files.copy(bundle, sealed),
                    outbox, new AgentStatus(clock), clock, workspace.staging());
            Hook none = new Hook("hook", List.of(), Duration.ofSeconds(1));
            new Restore(client, SnapshotFixtures.APPLIANCE, List.of(spec), pipeline, none, none,
                    workspace, new PrintStream(OutputStream.nullOutputStream()))
                    .run(new RestoreArguments(snapshot.id(), false));
        }

        assertThat(Sha256.of(target)).isEqualTo(restoredSha256);
        assertThat(outbox.oldest().orElseThrow().sealedBytes()).isGreaterThan(ENTRY_BYTES);
    }

    private static void write(Path file, long seed) throws Exception {
        Random random = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < ENTRY_BYTES; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }
}
