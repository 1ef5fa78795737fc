package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long outages: the backlog waits in order and is visible as a metric and a health detail; when
 * it outgrows the disk budget, the documented policy drops the middle, loudly. Each test stops a
 * broker of its own.
 */
class OutboxBacklogIT {

    private static final String TOPIC = "outbox-backlog-it.snapshots";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void twentySnapshotsTakenWhileTheBrokerIsDownArePublishedInOrderWhenItReturns()
            throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            broker.createTopics(1, TOPIC);
            database.put("hostname", "nas-20");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                    agent("nas-20", database, broker, Map.of()));
            List<SnapshotId> taken = new ArrayList<>();
            try (ApplicationContext context = server.getApplicationContext()) {
                AgentApi api = new AgentApi(server.getURL());
                broker.stop();
                // The database does not change, so only these manual snapshots are taken.
                for (int i = 0; i < 20; i++) {
                    taken.add(SnapshotId.parse(api.post("/api/v1/snapshots",
                            "{\"label\": \"outage " + i + "\"}").body().get("snapshotId").asText()));
                }

                assertThat(text(server, "/prometheus"))
                        .contains("configvault_outbox_snapshots 20.0");
                AgentApi.Response health = api.get("/health");
                assertThat(health.body().at("/details/outbox/details/snapshots").asInt())
                        .isEqualTo(20);

                broker.restart();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        api.get("/api/v1/status").body().get("outboxDepth").asInt()).isZero());
                assertThat(text(server, "/prometheus"))
                        .contains("configvault_outbox_snapshots 0.0");
                context.stop();
            }
            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                topic.readToEnd();
                assertThat(topic.snapshots()).extracting(SnapshotTopic.Snapshot::id)
                        .as("every snapshot once, in the order taken").containsExactlyElementsOf(taken);
            }
        }
    }

    @Test
    void anExhaustedBudgetDropsTheMiddleKeepsOldestAndNewestAndSaysSo() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            broker.createTopics(1, TOPIC);
            // About 300 KiB per snapshot: a 1 MiB budget holds three.
            database.put("certificate", randomText(300 * 1024));
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                    agent("nas-budget", database, broker,
                            Map.of("capture.outbox.max-bytes", Long.toString(1 << 20))));
            List<SnapshotId> taken = new ArrayList<>();
            try (ApplicationContext context = server.getApplicationContext()) {
                AgentApi api = new AgentApi(server.getURL());
                broker.stop();
                for (int i = 0; i < 6; i++) {
                    AgentApi.Response accepted = api.post("/api/v1/snapshots", null);
                    assertThat(accepted.status()).as("snapshot %d accepted", i).isEqualTo(202);
                    taken.add(SnapshotId.parse(accepted.body().get("snapshotId").asText()));
                }

                AgentApi.Response status = api.get("/api/v1/status");
                assertThat(status.body().get("outboxDepth").asInt()).isEqualTo(3);
                assertThat(status.body().get("evictedSnapshots").asInt()).isEqualTo(3);
                assertThat(status.body().get("outboxBytes").asLong()).isLessThanOrEqualTo(1 << 20);
                assertThat(status.body().get("lastError").asText())
                        .startsWith("The outbox budget of 1048576 bytes is exhausted: 3 unpublished");
                assertThat(text(server, "/prometheus"))
                        .contains("configvault_outbox_evicted_total 3.0");

                broker.restart();
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        api.get("/api/v1/status").body().get("outboxDepth").asInt()).isZero());
                context.stop();
            }
            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                topic.readToEnd();
                assertThat(topic.snapshots()).extracting(SnapshotTopic.Snapshot::id)
                        .as("the oldest undelivered and the two newest, intact and in order")
                        .containsExactly(taken.get(0), taken.get(4), taken.get(5));
            }
        }
    }

    private Map<String, Object> agent(String id, LiveDatabase database, KafkaBroker broker,
                                      Map<String, String> extra) throws Exception {
        Map<String, Object> properties = new HashMap<>(AgentConfig.of(id, dir, database.file(),
                broker.bootstrapServers(), TOPIC));
        properties.put("capture.kafka.producer.max.block.ms", "2000");
        properties.put("capture.kafka.producer.request.timeout.ms", "1500");
        properties.put("capture.kafka.producer.delivery.timeout.ms", "2000");
        properties.putAll(extra);
        return properties;
    }

    private static String text(EmbeddedServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String randomText(int length) {
        Random random = new Random(3);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
