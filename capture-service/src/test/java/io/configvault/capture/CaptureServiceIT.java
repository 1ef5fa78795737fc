package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.bundle.ContentDigest;
import io.configvault.shared.event.Header;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent end to end against the real broker: a live SQLite database changes (or an operator
 * asks), and a complete, sealed snapshot arrives on the topic that the vault can decrypt and read.
 */
@ExtendWith(StackExtension.class)
class CaptureServiceIT {

    private static final String TOPIC = "capture-service-it.snapshots";
    private static final String MARKER = "PLAINTEXT-MARKER-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    private static LiveDatabase database;
    private static EmbeddedServer server;
    private static AgentApi api;
    private static SnapshotTopic topic;

    @BeforeAll
    static void startAgent(LocalStack stack) throws Exception {
        stack.kafka().createTopics(1, TOPIC);
        database = LiveDatabase.create(dir.resolve("config.db"));
        database.put("hostname", "nas-17");
        database.put("admin_password_hash", MARKER);
        Map<String, Object> properties = new HashMap<>(AgentConfig.of("nas-17", dir,
                database.file(), stack.kafka().bootstrapServers(), TOPIC));
        // Small segments: every snapshot travels as several records.
        properties.put("capture.kafka.segment-bytes", "4096");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        api = new AgentApi(server.getURL());
        topic = new SnapshotTopic(stack.kafka().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        // The agent goes first: the broker is shared with the other test classes of this JVM.
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (topic != null) {
            topic.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aChangeToTheLiveDatabaseIsPublishedAsACompleteSealedSnapshot() throws Exception {
        String value = "changed-" + UUID.randomUUID();
        database.put("hostname", value);
        Map<String, String> expectedRows = database.rows();

        SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(10))
                .until(() -> latestWithRows(expectedRows), Optional::isPresent).orElseThrow();

        assertThat(snapshot.manifest().trigger()).isEqualTo(Trigger.CHANGE);
        assertThat(snapshot.manifest().applianceId()).isEqualTo("nas-17");
        assertThat(snapshot.manifest().fleet()).isEqualTo("lab");
        assertThat(snapshot.manifest().snapshotId()).isEqualTo(snapshot.id());
        assertThat(snapshot.manifest().entry("config.db")).hasValueSatisfying(entry ->
                assertThat(entry.sensitive()).isTrue());
        assertThat(LiveDatabase.rowsOf(snapshot.write("config.db", dir.resolve("restored.db"))))
                .isEqualTo(expectedRows);
        assertThat(snapshot.segments()).isGreaterThan(1);
        assertThat(topic.segmentsOf(snapshot.id())).hasSize(snapshot.segments())
                .allSatisfy(segment -> assertThat(segment.applianceId()).isEqualTo("nas-17"));
        assertThat(topic.records()).allSatisfy(record ->
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("nas-17"));
    }

    @Test
    void anUnchangedDatabaseTouchedByACommitIsPublishedAsAHeartbeat() throws Exception {
        database.put("hostname", "heartbeat-" + UUID.randomUUID());
        Map<String, String> expectedRows = database.rows();
        SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(10))
                .until(() -> latestWithRows(expectedRows), Optional::isPresent).orElseThrow();
        int before = topic.heartbeats().size();

        database.touch();

        SnapshotTopic.ReceivedHeartbeat received = await().atMost(Duration.ofSeconds(10))
                .until(() -> {
                    topic.poll();
                    return topic.heartbeats();
                }, heartbeats -> heartbeats.size() > before).get(before);
        Heartbeat heartbeat = received.heartbeat();
        assertThat(heartbeat.trigger()).isEqualTo(Trigger.CHANGE);
        assertThat(heartbeat.applianceId()).isEqualTo("nas-17");
        assertThat(heartbeat.fleet()).isEqualTo("lab");
        assertThat(heartbeat.lastSnapshotId()).isEqualTo(snapshot.id());
        assertThat(heartbeat.contentDigest()).isEqualTo(ContentDigest.of(snapshot.manifest()));
        assertThat(heartbeat.at()).isAfter(snapshot.manifest().capturedAt());
        assertThat(received.record().headers()).extracting(Header::name, Header::text)
                .containsExactly(tuple("cv-format", "1"), tuple("cv-type", "heartbeat"),
                        tuple("cv-appliance", "nas-17"),
                        tuple("cv-snapshot", heartbeat.heartbeatId().toString()),
                        tuple("cv-segment", "0"), tuple("cv-segments", "1"),
                        tuple("cv-sealed-bytes",
                                Integer.toString(received.record().value().length)),
                        tuple("cv-sealed-sha256", Sha256.of(received.record().value())));
        assertThat(new String(received.record().value(), StandardCharsets.ISO_8859_1))
                .as("sealed: the document's fields are not readable on the bus")
                .doesNotContain(snapshot.id().toString()).doesNotContain("CHANGE");
        topic.poll();
        assertThat(topic.snapshots()).as("no new snapshot for the touch")
                .last().extracting(SnapshotTopic.Snapshot::id).isEqualTo(snapshot.id());
    }

    @Test
    void noRecordOnTheTopicContainsPlaintext() throws Exception {
        assertThat(api.post("/api/v1/snapshots", null).status()).as("no body").isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !topic.poll().isEmpty()
                && !topic.snapshots().isEmpty());

        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        assertThat(topic.records()).isNotEmpty().allSatisfy(record -> {
            assertThat(contains(record.value(), marker)).isFalse();
            for (Header header : record.headers()) {
                assertThat(contains(header.value(), marker)).isFalse();
            }
        });
    }

    @Test
    void aManualSnapshotIsAcceptedOnceInTheOutboxAndPublishedWithItsLabel() throws Exception {
        AgentApi.Response response = api.post("/api/v1/snapshots",
                "{\"label\": \"before upgrade to 25.04\"}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("trigger").asText()).isEqualTo("MANUAL");
        SnapshotId id = SnapshotId.parse(response.body().get("snapshotId").asText());

        SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(10))
                .until(() -> topic.snapshot(id), Optional::isPresent).orElseThrow();
        assertThat(snapshot.manifest().trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(snapshot.manifest().label()).isEqualTo("before upgrade to 25.04");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            AgentApi.Response status = api.get("/api/v1/status");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body().get("applianceId").asText()).isEqualTo("nas-17");
            assertThat(status.body().get("outboxDepth").asInt()).isZero();
            assertThat(status.body().get("lastError").isNull()).isTrue();
        });
    }

    @Test
    void aBadLabelIsRefusedAsAProblem() throws Exception {
        AgentApi.Response response = api.post("/api/v1/snapshots",
                "{\"label\": \"" + "x".repeat(201) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("detail").asText()).isEqualTo(
                "Cannot take snapshot: the label is longer than 200 characters");
    }

    private static Optional<SnapshotTopic.Snapshot> latestWithRows(Map<String, String> rows)
            throws Exception {
        topic.poll();
        for (SnapshotTopic.Snapshot snapshot : topic.snapshots().reversed()) {
            if (snapshot.manifest().trigger() == Trigger.CHANGE
                    && LiveDatabase.rowsOf(snapshot.write("config.db",
                    dir.resolve("candidate.db"))).equals(rows)) {
                return Optional.of(snapshot);
            }
        }
        return Optional.empty();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
