package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.retention.RetentionService.PassReport;
import io.configvault.vault.store.S3TestStores;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5's crash test, against the real S3 server and a real SQLite file: a pass stopped
 * between tombstone and object delete, or between object delete and purge, leaves a state the
 * next pass (after the catalog is closed and opened again, as after a restart) completes — no
 * tombstoned or dangling row, no object without its row, and what the policy keeps intact.
 */
@ExtendWith(StackExtension.class)
class RetentionCrashIT {

    static final String BUCKET = "retention-crash-" + UUID.randomUUID().toString().substring(0, 8);

    /** What a crash does to the pass: it stops right there; nothing after it runs. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(PassFaults.Point point) {
            super("simulated crash at " + point);
        }
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void bucket(LocalStack stack) {
        stack.s3().createBucket(BUCKET);
    }

    @ParameterizedTest
    @EnumSource(PassFaults.Point.class)
    void theNextPassCompletesWhatACrashInterrupted(PassFaults.Point point, LocalStack stack)
            throws Exception {
        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        Path catalogFile = dir.resolve("catalog.db");
        try (S3TestStores s3 = S3TestStores.open(stack, BUCKET, prefix, dir)) {
            List<SnapshotRecord> kept = new ArrayList<>();
            List<SnapshotRecord> doomed = new ArrayList<>();
            PassFixture first = new PassFixture(dir);
            first.store = s3.store();
            try (SqliteCatalog catalog = SqliteCatalog.open(catalogFile)) {
                first.catalog(catalog);
                for (String appliance : List.of("fw-1", "nas-1", "nas-2")) {
                    List<SnapshotRecord> stored = first.daily(appliance, "lab", 4);
                    doomed.addAll(stored.subList(0, 2));
                    kept.addAll(stored.subList(2, 4));
                }
                first.faults = reached -> {
                    if (reached == point) {
                        throw new SimulatedCrash(point);
                    }
                };

                assertThatThrownBy(() -> first.runner().run("admin"))
                        .isInstanceOf(SimulatedCrash.class);

                // The doomed rows (one batch) are tombstoned and audited; their objects are
                // there (crash after the tombstone) or gone (after the delete).
                assertThat(catalog.tombstoned(10)).containsExactlyInAnyOrderElementsOf(doomed);
                assertThat(first.objects()).hasSize(point == PassFaults.Point.AFTER_TOMBSTONE
                        ? doomed.size() + kept.size() : kept.size());
                assertThat(catalog.recentAudit(10)).hasSize(doomed.size());
            }

            PassFixture next = new PassFixture(dir);
            next.store = s3.store();
            next.clock.advance(Duration.ofHours(1));
            PassReport report;
            try (SqliteCatalog reopened = SqliteCatalog.open(catalogFile)) {
                next.catalog(reopened);
                report = next.runner().run("admin");
                assertThat(reopened.tombstoned(10)).isEmpty();
                assertThat(reopened.recentAudit(10)).hasSize(doomed.size());
            }

            assertThat(report.failed()).isEmpty();
            assertThat(report.deleted()).isEqualTo(doomed.size());
            Map<String, String> rows = rows(catalogFile);
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                    kept.stream().map(s -> s.id().toString()).toList());
            assertThat(rows.values()).as("no row is tombstoned").containsOnly("live");
            assertThat(next.objects()).as("every row has its object, every object its row")
                    .containsExactlyInAnyOrderElementsOf(
                            kept.stream().map(SnapshotRecord::objectKey).toList());
        }
    }

    /** Every row in the file, tombstoned or not: id → "live" or "tombstoned". */
    static Map<String, String> rows(Path catalog) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id, tombstoned_at_ms FROM snapshots")) {
            while (row.next()) {
                String id = row.getString(1);
                row.getLong(2);
                rows.put(id, row.wasNull() ? "live" : "tombstoned");
            }
        }
        return rows;
    }
}
