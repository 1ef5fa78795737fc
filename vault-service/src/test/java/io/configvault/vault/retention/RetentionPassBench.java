package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.retention.RetentionService.PassReport;
import io.configvault.vault.retention.RetentionService.PreviewPage;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.ForwardingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's benchmark (not part of the test command): a full retention pass over 1,000,000
 * catalog rows — 10,000 appliances × 100 snapshots over a year, in a real SQLite file — with the
 * real planner, one vault-wide policy and a bucket that only counts deletes (the figure is the
 * catalog's and the planner's). Measures a preview of every appliance, the first pass (which
 * deletes what the policy drops), a second pass (nothing left to delete) and the heap.
 * Run with {@code ./mvnw -B -pl vault-service -am verify -Pbench -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RetentionPassBench
 * -Dfailsafe.failIfNoSpecifiedTests=false}; figures in
 * docs/design.md, "Measured figures".
 */
class RetentionPassBench {

    static final int APPLIANCES = Integer.getInteger("bench.appliances", 10_000);
    static final int PER_APPLIANCE = 100;
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String POLICY = "{\"keep-daily\": 7, \"keep-weekly\": 4, \"keep-monthly\": 12}";

    @TempDir
    Path dir;

    @Test
    void aFullPassOverAMillionRows() throws Exception {
        Path file = dir.resolve("catalog.db");
        SqliteCatalog.open(file).close();
        long fillStart = System.nanoTime();
        fill(file);
        Duration fill = since(fillStart);
        CountingStore store = new CountingStore();
        try (SqliteCatalog catalog = SqliteCatalog.open(file)) {
            catalog.putPolicy(new StoredPolicy(PolicyScope.VAULT, PolicyCodec.read(
                    POLICY.getBytes(StandardCharsets.UTF_8)), NOW, "bench"));
            RetentionSettings settings = RetentionSettings.defaults();
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Planning planning = new PolicyPlanning(catalog, new RetentionPlanner(settings)::plan);
            PassClockGuard guard = new PassClockGuard(settings.maxClockSkew());
            RetentionMetrics metrics = new RetentionMetrics(new SimpleMeterRegistry());
            PassRunner runner = new PassRunner(new RetentionPass(catalog,
                    new ObjectDeletions(catalog, store, PassFaults.NONE), Ownership.ALL,
                    planning, guard, metrics, PassFaults.NONE, clock),
                    new RetentionPreview(catalog, catalog, Ownership.ALL, planning, guard, clock),
                    metrics);

            Phase preview = Phase.measure(() -> {
                long deletes = 0;
                String after = null;
                do {
                    PreviewPage page = runner.preview(null, null, after, 500);
                    for (AppliancePlan plan : page.plans()) {
                        deletes += plan.delete().size();
                    }
                    after = page.next();
                } while (after != null);
                return deletes;
            });
            Phase first = Phase.measure(() -> (long) runner.run("bench").deleted());
            Phase second = Phase.measure(() -> {
                PassReport report = runner.run("bench");
                return (long) report.deleted();
            });

            long rows = (long) APPLIANCES * PER_APPLIANCE;
            System.out.printf("%nRetention pass benchmark: %,d rows (%,d appliances x %d"
                    + " snapshots over a year), policy %s; catalog %,d MiB; bulk fill %s%n",
                    rows, APPLIANCES, PER_APPLIANCE, POLICY, Files.size(file) >> 20, fill);
            System.out.printf("| %-30s | %8s | %10s | %15s |%n", "phase", "seconds",
                    "deletions", "peak heap (MiB)");
            preview.print("preview of every appliance");
            first.print("first pass (deletes)");
            second.print("second pass (nothing to do)");
            System.out.printf("objects deleted: %,d; max heap %d MiB%n%n", store.deletes.get(),
                    Runtime.getRuntime().maxMemory() >> 20);

            assertThat(first.result).isEqualTo(preview.result).isEqualTo(store.deletes.get())
                    .isPositive();
            assertThat(second.result).isZero();
            assertThat(catalog.snapshotCount()).isEqualTo(rows - first.result);
        }
    }

    /** One transaction of prepared inserts: the rows a year of ingest would have written. */
    static void fill(Path file) throws Exception {
        Instant start = NOW.minus(Duration.ofDays(365));
        long step = Duration.ofDays(365).toMillis() / PER_APPLIANCE;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshots"
                    + " (id, appliance_id, fleet, sequence, trigger, captured_at, time_zone,"
                    + " label, restorable, bundle_bytes, bundle_sha256, stored_bytes,"
                    + " stored_sha256, object_key, storage_key, stored_at)"
                    + " VALUES (?, ?, ?, ?, 'SCHEDULE', ?, ?, NULL, 1, 4096, ?, 5120, ?, ?, ?,"
                    + " ?)")) {
                String digest = "b".repeat(64);
                for (int a = 0; a < APPLIANCES; a++) {
                    String appliance = String.format("app-%05d", a);
                    String fleet = "fleet-" + (a % 10);
                    String zone = a % 2 == 0 ? "Europe/Berlin" : "America/New_York";
                    for (int s = 0; s < PER_APPLIANCE; s++) {
                        Instant captured = start.plusMillis(s * step).plusSeconds(a);
                        SnapshotId id = SnapshotId.mint(Clock.fixed(captured, ZoneOffset.UTC));
                        insert.setString(1, id.toString());
                        insert.setString(2, appliance);
                        insert.setString(3, fleet);
                        insert.setLong(4, s + 1);
                        insert.setString(5, captured.toString());
                        insert.setString(6, zone);
                        insert.setString(7, digest);
                        insert.setString(8, digest);
                        insert.setString(9, "snapshots/" + fleet + "/" + appliance + "/" + id
                                + ".tar.pgp");
                        insert.setString(10, "F".repeat(40));
                        insert.setString(11, captured.plusSeconds(1).toString());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            connection.commit();
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** A timed phase: its result, duration and the most heap in use (garbage too) while it ran. */
    static final class Phase {
        Duration took;
        long result;
        long peakHeap;

        interface Work {
            long run() throws Exception;
        }

        void print(String name) {
            System.out.printf("| %-30s | %8.1f | %,10d | %15d |%n", name,
                    took.toMillis() / 1000.0, result, peakHeap >> 20);
        }

        /** Runs the work while a thread samples the heap in use every millisecond. */
        static Phase measure(Work work) throws Exception {
            System.gc();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(1_000_000);
                }
            });
            Phase phase = new Phase();
            long start = System.nanoTime();
            try {
                phase.result = work.run();
            } finally {
                phase.took = since(start);
                done.set(true);
                sampler.join();
            }
            phase.peakHeap = peak.get();
            return phase;
        }
    }

    /** A bucket that only counts deletes: the pass's cost without the network's. */
    static final class CountingStore extends ForwardingStore {
        final AtomicLong deletes = new AtomicLong();

        CountingStore() {
            super(new InMemoryBlobStore());
        }

        @Override
        public void delete(String key) {
            deletes.incrementAndGet();
        }
    }
}
