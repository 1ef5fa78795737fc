package io.configvault.vault.ingest;

import io.configvault.bench.jmh.BenchFiles;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.Segment;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * The vault's reassembly of a snapshot's segments into a spool file ({@link
 * PartitionAssembler}: in order, each segment written and hashed, the whole checked against the
 * announced length and SHA-256). The segments (the agent's default 512 KiB) are decoded before
 * the clock starts, as the ingest loop hands them over. In the vault's package because the
 * assembler is its package's own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReassemblyBenchmark {

    @Param({"1048576", "67108864"})
    public long bytes;

    private Path dir;
    private List<Segment> segments;
    private PartitionAssembler assembler;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        dir = Files.createTempDirectory("jmh-reassembly-");
        Path sealed = BenchFiles.random(dir.resolve("sealed.pgp"), bytes);
        SealedSnapshotFile file = SealedSnapshotFile.of(sealed, "nas-00001",
                SnapshotId.mint(Clock.systemUTC()), SealedSnapshotFile.DEFAULT_SEGMENT_BYTES);
        segments = new ArrayList<>(file.segmentCount());
        for (int i = 0; i < file.segmentCount(); i++) {
            segments.add(file.segment(i));
        }
        Path spool = Files.createDirectories(dir.resolve("spool"));
        assembler = new PartitionAssembler(spool, "p0", new ReassemblyLimits(bytes * 2,
                segments.size() + 1, 16, Duration.ofMinutes(5)), System::nanoTime);
    }

    @Benchmark
    public long reassemble() throws Exception {
        PartitionAssembler.Step step = null;
        long offset = 0;
        for (Segment segment : segments) {
            step = assembler.accept(segment, offset++);
        }
        if (!(step instanceof PartitionAssembler.Step.Complete complete)) {
            throw new IllegalStateException("Reassembly did not complete: " + step);
        }
        return complete.snapshot().sealedBytes();
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        BenchFiles.delete(dir);
    }
}
