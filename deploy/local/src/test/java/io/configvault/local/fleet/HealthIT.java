package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Health goes DOWN when the broker or the S3 server stops and UP again when it returns (issue 7's
 * "Done when"), on a real deployment: real broker and S3 server, the vault and an agent as child
 * JVMs. Readiness answers 503 with the detail of what is away; liveness stays 200, so an
 * orchestrator waits instead of restarting a service that a restart would not repair.
 */
class HealthIT {

    private static final String APPLIANCE = "nas-health";
    private static final Duration DOWN_WITHIN = Duration.ofSeconds(30);
    private static final Duration UP_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static FleetFixture fleet;
    static FleetFixture.Agent agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, List.of(APPLIANCE));
        agent = fleet.startAgent(APPLIANCE, ConfigDatabase.create(dir, APPLIANCE, 0), List.of());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.stop();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aStoppedBrokerTurnsBothServicesNotReadyButAliveUntilItReturns() throws Exception {
        awaitReady(vault());
        awaitReady(agent.url());

        fleet.stack().kafka().stop();
        try {
            JsonNode vaultKafka = awaitDown(vault(), "kafka");
            assertThat(vaultKafka.at("/details/reachable").asBoolean()).isFalse();
            assertThat(vaultKafka.at("/details/error").asText()).isNotBlank();
            assertThat(vaultKafka.at("/details/bootstrapServers").asText())
                    .isEqualTo(fleet.stack().kafka().bootstrapServers());
            JsonNode agentKafka = awaitDown(agent.url(), "kafka");
            assertThat(agentKafka.at("/details/reachable").asBoolean()).isFalse();

            assertThat(get(vault() + "/health").statusCode()).as("vault /health").isEqualTo(503);
            assertThat(fieldNames(readiness(vault()).at("/details")))
                    .contains("kafka", "s3", "catalog").doesNotContain("ingest", "catalogFile");
            assertThat(fieldNames(assertAlive(vault()).at("/details")))
                    .contains("ingest", "catalogFile").doesNotContain("kafka", "s3", "catalog");
            assertThat(fieldNames(readiness(agent.url()).at("/details")))
                    .contains("kafka", "outbox");
            assertAlive(agent.url());
            assertThat(readiness(vault()).at("/details/s3/status").asText())
                    .as("only the broker is away").isEqualTo("UP");
        } finally {
            fleet.stack().kafka().restart();
        }

        awaitReady(vault());
        awaitReady(agent.url());
        assertThat(readiness(vault()).at("/details/kafka/details/nodes").asInt()).isEqualTo(1);
    }

    @Test
    void aStoppedS3ServerTurnsTheVaultNotReadyButAliveUntilItReturns() throws Exception {
        awaitReady(vault());

        fleet.stack().s3().stop();
        try {
            JsonNode s3 = awaitDown(vault(), "s3");
            assertThat(s3.at("/details/reachable").asBoolean()).isFalse();
            assertThat(s3.at("/details/transient").asBoolean()).isTrue();
            assertThat(s3.at("/details/error").asText())
                    .startsWith("Cannot reach the bucket: bucket '" + FleetFixture.BUCKET + "'")
                    .doesNotContain(fleet.stack().s3().secretKey());
            assertAlive(vault());
            assertThat(readiness(vault()).at("/details/kafka/status").asText())
                    .as("only the S3 server is away").isEqualTo("UP");
        } finally {
            fleet.stack().s3().restart();
        }

        awaitReady(vault());
    }

    private static String vault() {
        return fleet.vaultUrl();
    }

    private static void awaitReady(String service) {
        await().atMost(UP_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> get(service + "/health/readiness").statusCode() == 200);
    }

    /** Waits until readiness answers 503 with {@code indicator} DOWN; returns that detail. */
    private static JsonNode awaitDown(String service, String indicator) throws Exception {
        await().atMost(DOWN_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> response = get(service + "/health/readiness");
            return response.statusCode() == 503 && "DOWN".equals(Json.parse(response.body())
                    .at("/details/" + indicator + "/status").asText());
        });
        return readiness(service).at("/details/" + indicator);
    }

    private static JsonNode readiness(String service) throws IOException, InterruptedException {
        return Json.parse(get(service + "/health/readiness").body());
    }

    /** Asserts that liveness is UP (200) without any Kafka detail; returns its document. */
    private static JsonNode assertAlive(String service) throws Exception {
        HttpResponse<String> liveness = get(service + "/health/liveness");
        assertThat(liveness.statusCode()).as(service + " liveness: " + liveness.body())
                .isEqualTo(200);
        JsonNode document = Json.parse(liveness.body());
        assertThat(document.at("/details/kafka").isMissingNode())
                .as("Kafka is not a liveness matter").isTrue();
        return document;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
