package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault's own storage fails under it while snapshots keep coming (QUALITY 11 and 12): the
 * S3 server is stopped for a minute, the catalog file is made unwritable. The partition pauses,
 * nothing is committed or quarantined meanwhile, ingest resumes by itself, and the test ends
 * with the invariant: every snapshot the agent took is stored exactly once and verifies.
 *
 * <p>The class runs beside the module's other integration tests (its own broker, S3 server and
 * vault; the minute of outage leaves the machine idle); its two tests run one after the other,
 * since each fault would stop the other's ingest.
 */
@Execution(ExecutionMode.CONCURRENT)
class StoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final String PAUSED = "Pausing " + FleetFixture.TOPIC + "-0 for";

    @TempDir
    static Path dir;

    static FleetFixture fleet;

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, List.of("nas-s3-down", "nas-catalog-locked"));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aMinuteWithoutTheS3ServerPausesIngestAndLosesNothing() throws Exception {
        String appliance = "nas-s3-down";
        FleetFixture.Agent agent = fleet.startAgent(appliance,
                ConfigDatabase.create(dir, appliance, 0), List.of());
        try {
            int quarantined = QuarantineTopic.all(fleet).size();
            long pausesBefore = pauses();
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                taken.add(agent.snapshot("before the outage " + i));
            }
            fleet.stack().s3().stop();
            long stoppedAt = System.nanoTime();
            try {
                for (int i = 0; i < 10; i++) {
                    taken.add(agent.snapshot("during the outage " + i));
                }
                // Generous bounds: a loaded 2-core machine runs the agent and vault slowly.
                await().atMost(Duration.ofSeconds(60)).until(() -> agent.outboxDepth() == 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> pauses() > pausesBefore);
                Map<Integer, Long> committed = VaultGroup.committed(fleet);
                assertThat(committed.get(0)).as("committed while S3 is down")
                        .isLessThan(VaultGroup.ends(fleet).get(0));

                // The rest of the minute: the offset stays, nothing goes to quarantine.
                Duration rest = max(OUTAGE.minusNanos(System.nanoTime() - stoppedAt),
                        Duration.ofSeconds(5));
                await().during(rest).atMost(rest.plusSeconds(10))
                        .pollInterval(Duration.ofSeconds(2))
                        .until(() -> VaultGroup.committed(fleet).equals(committed)
                                && QuarantineTopic.all(fleet).size() == quarantined);
                assertThat(pauses()).as("paused and retried more than once")
                        .isGreaterThan(pausesBefore + 1);
            } finally {
                fleet.stack().s3().restart();
            }

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Invariant.listed(fleet, appliance).size() == taken.size());
            VaultGroup.awaitCaughtUp(fleet, Duration.ofSeconds(30));
            assertThat(QuarantineTopic.all(fleet)).as("nothing quarantined").hasSize(quarantined);
            Invariant.storedOnceAndVerifies(fleet, appliance, taken);
        } finally {
            agent.stop();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void aCatalogThatCannotBeWrittenPausesIngestAndLosesNothing() throws Exception {
        String appliance = "nas-catalog-locked";
        FleetFixture.Agent agent = fleet.startAgent(appliance,
                ConfigDatabase.create(dir, appliance, 0), List.of());
        try {
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                taken.add(agent.snapshot("before the lock " + i));
            }
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> Invariant.listed(fleet, appliance).size() == 3);
            VaultGroup.awaitCaughtUp(fleet, Duration.ofSeconds(30));
            int quarantined = QuarantineTopic.all(fleet).size();
            long pausesBefore = pauses();

            List<Path> locked = catalogFiles();
            Immutable.set(locked);
            try {
                for (int i = 0; i < 5; i++) {
                    taken.add(agent.snapshot("while the catalog is locked " + i));
                }
                // Generous bounds: a loaded 2-core machine runs the agent and vault slowly.
                await().atMost(Duration.ofSeconds(60)).until(() -> agent.outboxDepth() == 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> pauses() > pausesBefore);
                Map<Integer, Long> committed = VaultGroup.committed(fleet);
                assertThat(committed.get(0)).as("committed while the catalog is locked")
                        .isLessThan(VaultGroup.ends(fleet).get(0));
                await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(25))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> VaultGroup.committed(fleet).equals(committed)
                                && QuarantineTopic.all(fleet).size() == quarantined);
                // Every read is audited before its answer leaves; with the catalog unwritable
                // the record cannot be written, so the vault answers 503 and releases nothing.
                assertThat(fleet.vault("/api/v1/appliances/" + appliance
                        + "/snapshots?limit=1000").statusCode())
                        .as("a listing while the audit log cannot be written").isEqualTo(503);
            } finally {
                Immutable.clear(locked);
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Invariant.listed(fleet, appliance).size() == taken.size());
            VaultGroup.awaitCaughtUp(fleet, Duration.ofSeconds(30));
            assertThat(QuarantineTopic.all(fleet)).as("nothing quarantined").hasSize(quarantined);
            Invariant.storedOnceAndVerifies(fleet, appliance, taken);
        } finally {
            agent.stop();
        }
    }

    /** The catalog, its WAL companions that exist, and its directory. */
    /**
     * The database, its write-ahead log and rollback journal, and their directory: what a full
     * or failing disk refuses to write. Not the {@code -shm} wal-index: SQLite keeps it mapped in
     * memory, and ext4 answers a store into a mapped page of an immutable file with SIGBUS (its
     * page-fault handler refuses immutable inodes) — a crash no full disk causes, since the
     * wal-index's pages are allocated when they are mapped. Reads set their marks there.
     */
    private static List<Path> catalogFiles() {
        Path catalog = fleet.catalogFile();
        List<Path> files = new ArrayList<>();
        for (String suffix : List.of("", "-wal", "-journal")) {
            Path file = catalog.resolveSibling(catalog.getFileName() + suffix);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        files.add(catalog.getParent());
        assertThat(files).as("catalog in WAL mode").contains(
                catalog.resolveSibling(catalog.getFileName() + "-wal"));
        return files;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** How often the vault has paused the partition so far, by its log. */
    private static long pauses() throws Exception {
        try (var lines = Files.lines(fleet.vaultLog())) {
            return lines.filter(line -> line.contains(PAUSED)).count();
        }
    }
}
