package io.configvault.bench.jmh;

import io.configvault.capture.seal.OpenPgpSnapshotSealer;
import io.configvault.capture.seal.SealingKeys;
import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The agent's hot spot: bundling a captured file with its manifest ({@link BundleWriter}) and
 * sealing the bundle ({@link OpenPgpSnapshotSealer}: encrypted to the vault's ingest key, signed
 * by the appliance key), file to file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SealingBenchmark {

    private static final String ENTRY = "app.conf";

    @Param({"1048576", "67108864"})
    public long bytes;

    private Path dir;
    private Path bundle;
    private Path sealed;
    private Manifest manifest;
    private OpenPgpSnapshotSealer sealer;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        dir = Files.createTempDirectory("jmh-seal-");
        Path content = BenchFiles.random(dir.resolve(ENTRY), bytes);
        Instant now = Instant.now();
        manifest = new Manifest(Manifest.FORMAT, "nas-00001", "bench",
                SnapshotId.mint(Clock.systemUTC()), 1, Trigger.SCHEDULE, now, ZoneId.of("UTC"),
                "bench", null, true, null, List.of(new ManifestEntry(ENTRY, SourceKind.FILE,
                bytes, Sha256.of(content), 0644, now, false)));
        sealer = new OpenPgpSnapshotSealer(new SealingKeys(BenchFiles.key("appliance"),
                BenchFiles.key("vault-ingest").publicKey()));
        bundle = dir.resolve("bundle.tar");
        sealed = dir.resolve("sealed.pgp");
    }

    @Benchmark
    public long bundleAndSeal() throws Exception {
        Files.deleteIfExists(sealed);
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, Map.of(ENTRY, dir.resolve(ENTRY)), out);
        }
        sealer.seal(bundle, sealed);
        return Files.size(sealed);
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        BenchFiles.delete(dir);
    }
}
