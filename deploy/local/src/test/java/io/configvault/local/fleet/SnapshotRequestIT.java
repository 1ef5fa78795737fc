package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, done when: a fleet-wide snapshot request reaches three agents of the same fleet in
 * the real stack (broker, s3proxy, vault and agents as child JVMs) and is shown fulfilled — each
 * by a MANUAL snapshot with the request's label, whose signed manifest names the request.
 */
class SnapshotRequestIT {

    static final List<String> APPLIANCES = List.of("nas-a", "nas-b", "nas-c");

    @TempDir
    static Path dir;

    static FleetFixture fleet;
    static final List<FleetFixture.Agent> AGENTS = new ArrayList<>();

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, APPLIANCES, 3);
        ExecutorService starters = Executors.newFixedThreadPool(APPLIANCES.size());
        try {
            List<Future<FleetFixture.Agent>> started = new ArrayList<>();
            for (String appliance : APPLIANCES) {
                Path database = ConfigDatabase.create(dir, appliance, 0);
                started.add(starters.submit(() -> fleet.startAgent(appliance, database,
                        List.of("capture.kafka.command-topic=" + FleetFixture.COMMANDS))));
            }
            for (Future<FleetFixture.Agent> agent : started) {
                AGENTS.add(agent.get());
            }
        } finally {
            starters.shutdown();
        }
    }

    @AfterAll
    static void stop() {
        AGENTS.forEach(FleetFixture.Agent::stop);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aFleetWideRequestReachesEveryAgentAndIsShownFulfilled() throws Exception {
        var accepted = fleet.vaultPost("/api/v1/fleets/lab/snapshot-requests",
                "{\"label\":\"before tonight's upgrade\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode issued = Json.parse(accepted.body());
        String requestId = issued.get("requestId").asText();
        assertThat(issued.get("status").asText()).isEqualTo("pending");

        await().atMost(Duration.ofSeconds(45)).until(() -> "fulfilled".equals(Json.parse(
                fleet.vault("/api/v1/snapshot-requests/" + requestId).body())
                .get("status").asText()));

        JsonNode shown = Json.parse(fleet.vault("/api/v1/snapshot-requests/" + requestId).body());
        assertThat(shown.get("scope").asText()).isEqualTo("fleet");
        List<String> appliances = new ArrayList<>();
        for (JsonNode target : shown.get("appliances")) {
            appliances.add(target.get("applianceId").asText());
            assertThat(target.get("status").asText()).isEqualTo("fulfilled");
            JsonNode snapshot = Json.parse(fleet.vault("/api/v1/snapshots/"
                    + target.get("fulfilledBy").asText()).body());
            assertThat(snapshot.get("applianceId").asText())
                    .isEqualTo(target.get("applianceId").asText());
            assertThat(snapshot.get("trigger").asText()).isEqualTo("MANUAL");
            assertThat(snapshot.get("label").asText()).isEqualTo("before tonight's upgrade");
        }
        assertThat(appliances).containsExactlyElementsOf(APPLIANCES);
    }
}
