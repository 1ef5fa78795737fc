package io.configvault.vault.ingest;

import io.configvault.bench.jmh.BenchFiles;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.ContentMd5;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
 * The vault's at-rest encryption of a verified bundle ({@link AtRestWriter}: OpenPGP to the
 * storage key, signed by it, SHA-256 and MD5 of the ciphertext in the same pass), file to file.
 * In the vault's package because the writer is its package's own (the bench's build puts both
 * on one class path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AtRestBenchmark {

    @Param({"1048576", "67108864"})
    public long bytes;

    private Path dir;
    private Path bundle;
    private Path target;
    private AtRestWriter writer;
    private SnapshotId id;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        dir = Files.createTempDirectory("jmh-at-rest-");
        bundle = BenchFiles.random(dir.resolve("bundle.tar"), bytes);
        target = dir.resolve("stored.pgp");
        // The default S3 layout (vault.s3.multipart-threshold 64 MiB, parts of 16 MiB): the
        // writer takes the upload's MD5s in the same pass, as ingest does.
        writer = new AtRestWriter(new VaultKeys(BenchFiles.key("vault-ingest"),
                BenchFiles.key("vault-storage"), List.of()),
                new ContentMd5.PartLayout(64L * 1024 * 1024, 16L * 1024 * 1024));
        id = SnapshotId.mint(Clock.systemUTC());
    }

    @Benchmark
    public long encryptForStorage() throws Exception {
        try (InputStream in = Files.newInputStream(bundle)) {
            return writer.write(in, target, id).bytes();
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        BenchFiles.delete(dir);
    }
}
