package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults across the whole path, appliance to bucket, each ending with the invariant of
 * QUALITY.md: every snapshot the agent recorded is stored exactly once (one object, one catalog
 * row) and verifies (the vault decrypts it and checks every digest before serving it).
 */
class FleetFaultIT {

    @TempDir
    static Path dir;

    static FleetFixture fleet;

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, List.of("nas-outage", "nas-killed", "nas-cut"));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void twentySnapshotsTakenWhileTheBrokerIsDownAreAllStoredInOrderWhenItReturns()
            throws Exception {
        Path database = database("nas-outage", 0);
        FleetFixture.Agent agent = fleet.startAgent("nas-outage", database, List.of());
        try {
            fleet.stack().kafka().stop();
            List<String> taken = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                taken.add(agent.snapshot("outage " + i));
            }
            assertThat(agent.outboxDepth()).isEqualTo(20);

            fleet.stack().kafka().restart();

            await().atMost(Duration.ofSeconds(120)).until(() -> listed("nas-outage").size() == 20);
            List<JsonNode> listed = listed("nas-outage");
            List<String> oldestFirst = listed.reversed().stream()
                    .map(item -> item.get("id").asText()).toList();
            assertThat(oldestFirst).as("all 20, in the order taken").isEqualTo(taken);
            List<Long> sequences = listed.reversed().stream()
                    .map(item -> item.get("sequence").asLong()).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertStoredOnceAndVerifies("nas-outage", taken);
        } finally {
            agent.stop();
        }
    }

    @Test
    void anAgentKilledBetweenCaptureAndAckHasItsSnapshotStoredExactlyOnce() throws Exception {
        Path database = database("nas-killed", 0);
        FleetFixture.Agent agent = fleet.startAgent("nas-killed", database, List.of());
        fleet.stack().kafka().stop();
        String id = agent.snapshot("before the kill");
        agent.kill();
        fleet.stack().kafka().restart();

        FleetFixture.Agent restarted = fleet.startAgent("nas-killed", database, List.of());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> listed("nas-killed").size() == 1);
            assertThat(listed("nas-killed")).extracting(item -> item.get("id").asText())
                    .containsExactly(id);
            assertStoredOnceAndVerifies("nas-killed", List.of(id));
        } finally {
            restarted.stop();
        }
    }

    @Test
    void anAgentKilledHalfwayThroughPublishingHasItsSnapshotStoredExactlyOnce()
            throws Exception {
        Path database = database("nas-cut", 6 << 20);
        List<String> slowPublish = List.of("capture.kafka.segment-bytes=1024",
                "capture.kafka.producer.batch.size=1",
                "capture.kafka.producer.max.in.flight.requests.per.connection=1");
        FleetFixture.Agent agent = fleet.startAgent("nas-cut", database, slowPublish);
        String id;
        try (TopicWatch topic = new TopicWatch(fleet.stack().kafka().bootstrapServers(),
                FleetFixture.TOPIC)) {
            id = agent.snapshot("cut short");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> topic.segmentsOf(id) > 0);
            agent.kill();
            int before = topic.segmentsOf(id);
            assertThat(before).as("segments published before the kill")
                    .isPositive().isLessThan(topic.announcedSegments(id));
        }

        FleetFixture.Agent restarted = fleet.startAgent("nas-cut", database, slowPublish);
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> listed("nas-cut").size() == 1);
            assertThat(listed("nas-cut")).extracting(item -> item.get("id").asText())
                    .containsExactly(id);
            assertStoredOnceAndVerifies("nas-cut", List.of(id));
        } finally {
            restarted.stop();
        }
    }

    private static void assertStoredOnceAndVerifies(String appliance, List<String> ids)
            throws Exception {
        Invariant.storedOnceAndVerifies(fleet, appliance, ids);
    }

    private static List<JsonNode> listed(String appliance) throws Exception {
        return Invariant.listed(fleet, appliance);
    }

    private static Path database(String appliance, int padding) throws Exception {
        return ConfigDatabase.create(dir, appliance, padding);
    }
}
