package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second vault instance joins and leaves mid-burst (QUALITY 17): the snapshot topic has
 * {@value #PARTITIONS} partitions and each test one appliance per partition, so both instances
 * get work; they share the catalog file (two processes on one SQLite file in WAL mode) and the
 * bucket, each with its own port and spool. Joining and leaving rebalance the group; a leaver's
 * in-flight work is dropped and the new owner starts from the committed offset. Once stopped
 * gracefully, and once killed with SIGKILL (its partitions move only when its session times
 * out). Each ends with the invariant for every appliance: no object or row twice, none missing.
 */
class SecondVaultIT {

    static final int PARTITIONS = 4;
    /**
     * About 17 segments per snapshot, so that a rebalance is likely to meet a snapshot half
     * reassembled.
     */
    static final List<String> SMALL_SEGMENTS = List.of("capture.kafka.segment-bytes=16384");

    @TempDir
    static Path dir;

    static FleetFixture fleet;

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        List<String> appliances = new ArrayList<>(onePerPartition("nas-stop"));
        appliances.addAll(onePerPartition("nas-kill"));
        fleet = new FleetFixture(dir, appliances, PARTITIONS);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** A stopped instance leaves the group at once: its partitions move without a timeout. */
    @Test
    void aSecondVaultStartedAndStoppedMidBurstStoresEverySnapshotOnce() throws Exception {
        // The default session timeout of 45 s: only leaving the group moves them this fast.
        rebalanceMidBurst("nas-stop", "vault-2", List.of(), second -> {
            second.stop();
            await().atMost(Duration.ofSeconds(15)).until(() -> VaultGroup.members(fleet) == 1);
        });
    }

    /**
     * The killed instance's partitions move once its session times out: 6 s here (the broker's
     * minimum) instead of the default 45 s, set by {@code vault.kafka.session-timeout}.
     */
    @Test
    void aSecondVaultKilledMidBurstStoresEverySnapshotOnce() throws Exception {
        List<String> shortSession = List.of("vault.kafka.session-timeout=6s");
        rebalanceMidBurst("nas-kill", "vault-3", shortSession, second -> {
            second.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> VaultGroup.members(fleet) == 1);
        });
    }

    private interface Ending {
        void end(FleetFixture.ExtraVault vault) throws Exception;
    }

    private static void rebalanceMidBurst(String prefix, String name, List<String> settings,
                                          Ending ending) throws Exception {
        List<FleetFixture.Agent> agents = startAgents(onePerPartition(prefix));
        int quarantined = QuarantineTopic.all(fleet).size();
        try {
            Map<String, List<String>> taken;
            try (Burst burst = Burst.start(agents, 250)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> burst.count() >= 8);
                FleetFixture.ExtraVault second = fleet.startExtraVault(name, settings);
                try {
                    await().atMost(Duration.ofSeconds(90))
                            .until(() -> storedBy(second.log()) >= 8);
                } finally {
                    ending.end(second);
                }
                int after = burst.count();
                await().atMost(Duration.ofSeconds(30)).until(() -> burst.count() >= after + 8);
                taken = burst.stop();
            }

            int total = taken.values().stream().mapToInt(List::size).sum();
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> rows(taken.keySet()) == total);
            VaultGroup.awaitCaughtUp(fleet, Duration.ofSeconds(60));
            assertThat(QuarantineTopic.all(fleet)).as("nothing quarantined").hasSize(quarantined);
            for (Map.Entry<String, List<String>> appliance : taken.entrySet()) {
                Invariant.storedOnceAndVerifies(fleet, appliance.getKey(), appliance.getValue());
            }
        } finally {
            agents.forEach(FleetFixture.Agent::stop);
        }
    }

    /** Appliance ids {@code <prefix>-<n>}, the first that land on each partition. */
    static List<String> onePerPartition(String prefix) {
        String[] chosen = new String[PARTITIONS];
        for (int n = 0; java.util.Arrays.asList(chosen).contains(null); n++) {
            String id = prefix + "-" + n;
            // The producer's default partitioner for a keyed record.
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes())) % PARTITIONS;
            if (chosen[partition] == null) {
                chosen[partition] = id;
            }
        }
        return List.of(chosen);
    }

    private static List<FleetFixture.Agent> startAgents(List<String> appliances)
            throws Exception {
        List<Callable<FleetFixture.Agent>> starts = new ArrayList<>();
        for (String appliance : appliances) {
            Path database = ConfigDatabase.create(dir, appliance, 256 << 10);
            starts.add(() -> fleet.startAgent(appliance, database, SMALL_SEGMENTS));
        }
        List<FleetFixture.Agent> agents = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<FleetFixture.Agent> started : pool.invokeAll(starts)) {
                agents.add(started.get());
            }
        }
        return agents;
    }

    private static long rows(Iterable<String> appliances) throws Exception {
        long stored = 0;
        for (String appliance : appliances) {
            stored += Invariant.listed(fleet, appliance).size();
        }
        return stored;
    }

    /** How many snapshots the vault writing {@code log} has stored. */
    private static long storedBy(Path log) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("Stored snapshot")).count();
        }
    }
}
