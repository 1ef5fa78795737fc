package io.configvault.vault.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.diff.sqlite.SqliteDatabases;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's diff benchmark (not part of the test command): the semantic diff of two versions of
 * a 1,000,000-row table (integer key, two text columns, one 64-byte blob; 114 MB each),
 * the newer one with 10,000 rows updated and 1,000 added, with the default bounds (1,000 changes
 * listed). Measures the time and the heap. Run with {@code ./mvnw -B -pl vault-service -am
 * verify -Pbench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=DatabaseDiffBench -Dfailsafe.failIfNoSpecifiedTests=false}; figures in
 * docs/design.md, "Measured figures".
 */
class DatabaseDiffBench {

    static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void diffOfAMillionRowTable() throws Exception {
        Path older = dir.resolve("older.db");
        Path newer = dir.resolve("newer.db");
        fill(older);
        Files.copy(older, newer);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + newer);
             Statement sql = db.createStatement()) {
            sql.execute("UPDATE t SET value = value || '-changed' WHERE id % 100 = 0");
            sql.execute("INSERT INTO t SELECT id + " + ROWS + ", name, value, data FROM t"
                    + " WHERE id < 1000");
        }
        AtomicLong peak = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(5_000_000);
            }
        });
        long start = System.nanoTime();
        SqliteDiff diff;
        DiffBudget budget = new DiffBudget(1000, 100);
        SqliteDatabases opener = new SqliteDatabases();
        try (DatabaseSource a = opener.open(older); DatabaseSource b = opener.open(newer)) {
            diff = DatabaseDiff.compare(a, b, new Redaction(List.of("*password*")), budget);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        running.set(false);
        sampler.join();

        assertThat(diff.tables().getFirst().rowsChanged()).isEqualTo(10_000);
        assertThat(diff.tables().getFirst().rowsAdded()).isEqualTo(1_000);
        assertThat(budget.truncated()).isTrue();
        System.out.printf("| diff of %,d rows × 2 (%,d + %,d bytes), %,d changed, %,d added |"
                        + " %,d ms | heap peak %,d MiB |%n", ROWS, Files.size(older),
                Files.size(newer), 10_000, 1_000, millis, peak.get() >> 20);
    }

    private static void fill(Path file) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value TEXT,"
                        + " data BLOB)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO t VALUES (?, ?, ?, randomblob(64))")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "setting-" + i);
                    insert.setString(3, "value of setting " + i);
                    insert.executeUpdate();
                }
            }
            db.commit();
        }
    }
}
