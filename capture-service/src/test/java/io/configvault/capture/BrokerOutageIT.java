package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.event.Segment;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.KafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away: the snapshot waits in the outbox, and when the broker is back it is
 * published once, with the id it was given at capture. Uses a broker of its own, since it stops
 * it.
 */
class BrokerOutageIT {

    private static final String TOPIC = "broker-outage-it.snapshots";

    @TempDir
    Path dir;

    @Test
    void aSnapshotTakenWhileTheBrokerIsDownIsPublishedOnceWhenItReturns() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            broker.createTopics(1, TOPIC);
            database.put("hostname", "fw-3");
            Map<String, Object> properties = new HashMap<>(AgentConfig.of("fw-3", dir,
                    database.file(), broker.bootstrapServers(), TOPIC));
            // Short producer timeouts, so that the outage outlasts several publish attempts
            // and the retry path (new producer, same snapshot) is what delivers it.
            properties.put("capture.kafka.producer.max.block.ms", "2000");
            properties.put("capture.kafka.producer.request.timeout.ms", "1500");
            properties.put("capture.kafka.producer.delivery.timeout.ms", "2000");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
            SnapshotId id;
            try (ApplicationContext context = server.getApplicationContext()) {
                AgentApi api = new AgentApi(server.getURL());

                broker.stop();
                AgentApi.Response accepted = api.post("/api/v1/snapshots",
                        "{\"label\": \"during outage\"}");
                assertThat(accepted.status()).isEqualTo(202);
                id = SnapshotId.parse(accepted.body().get("snapshotId").asText());

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    AgentApi.Response status = api.get("/api/v1/status");
                    assertThat(status.body().get("outboxDepth").asInt()).isEqualTo(1);
                    assertThat(status.body().get("lastError").asText()).startsWith(
                            "Cannot publish snapshot " + id + " of appliance fw-3: ");
                });
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(outboxDepth(api)).isEqualTo(1));

                broker.restart();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    AgentApi.Response status = api.get("/api/v1/status");
                    assertThat(status.body().get("outboxDepth").asInt()).isZero();
                    assertThat(status.body().get("lastPublishedSnapshotId").asText())
                            .isEqualTo(id.toString());
                    assertThat(status.body().get("lastError").isNull()).isTrue();
                });
                context.stop();
            }

            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(20))
                        .until(() -> topic.snapshot(id), Optional::isPresent).orElseThrow();
                topic.readToEnd();
                assertThat(snapshot.manifest().trigger()).isEqualTo(Trigger.MANUAL);
                assertThat(snapshot.manifest().label()).isEqualTo("during outage");
                List<Segment> segments = topic.segmentsOf(id);
                assertThat(segments).extracting(Segment::index)
                        .as("every segment exactly once")
                        .containsExactlyElementsOf(
                                java.util.stream.IntStream.range(0, snapshot.segments())
                                        .boxed().toList());
                assertThat(topic.snapshots()).extracting(SnapshotTopic.Snapshot::id)
                        .containsExactly(id);
            }
        }
    }

    private static int outboxDepth(AgentApi api) throws Exception {
        return api.get("/api/v1/status").body().get("outboxDepth").asInt();
    }
}
