package io.configvault.bench.jmh;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.SqliteCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The vault's catalog insert of one ingested snapshot ({@link SqliteCatalog#insert(
 * SnapshotRecord, ConsumedPosition)}: the row and the partition's consumed position in one
 * transaction, committed durably), into a real SQLite file on the bench's disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CatalogInsertBenchmark {

    private Path dir;
    private SqliteCatalog catalog;
    private long offset;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        dir = Files.createTempDirectory("jmh-catalog-");
        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    }

    @Benchmark
    public boolean insert() throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.systemUTC());
        Instant now = Instant.now();
        String appliance = "nas-" + (offset % 1000);
        String digest = "%064x".formatted(offset);
        SnapshotRecord row = new SnapshotRecord(id, appliance, "site-1", offset + 1,
                Trigger.SCHEDULE, now, "UTC", null, true, 8192, digest, 9263, digest,
                "snapshots/site-1/" + appliance + "/" + id + ".tar.pgp", "F".repeat(40), now,
                null, null);
        return catalog.insert(row, new ConsumedPosition("configvault.snapshots", 0, ++offset));
    }

    @TearDown(Level.Trial)
    public void clean() throws Exception {
        catalog.close();
        BenchFiles.delete(dir);
    }
}
