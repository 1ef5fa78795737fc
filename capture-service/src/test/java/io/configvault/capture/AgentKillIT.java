package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.event.Segment;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.KafkaBroker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed with SIGKILL between capture and acknowledgement: after a restart the snapshot
 * is published again from the outbox, under the same id, completely. Runs the agent as a child
 * JVM (as deployed) against a broker of its own.
 */
class AgentKillIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final String TOPIC = "agent-kill-it.snapshots";

    @TempDir
    Path dir;

    @Test
    void killedWhileTheBrokerIsAwayTheSnapshotIsPublishedAfterTheRestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            broker.createTopics(1, TOPIC);
            database.put("hostname", "fw-9");
            int port = freePort();
            Process agent = launch(database, broker, port);
            AgentApi api = api(port, agent);
            broker.stop();
            SnapshotId id = SnapshotId.parse(api.post("/api/v1/snapshots", null).body()
                    .get("snapshotId").asText());

            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            broker.restart();
            Process restarted = launch(database, broker, port);
            try {
                AgentApi again = api(port, restarted);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        again.get("/api/v1/status").body().get("outboxDepth").asInt()).isZero());
            } finally {
                stop(restarted);
            }
            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                topic.readToEnd();
                assertThat(topic.snapshots()).extracting(SnapshotTopic.Snapshot::id)
                        .containsExactly(id);
            }
        }
    }

    @Test
    void killedHalfwayThroughPublishingTheSnapshotIsRepublishedWholeUnderTheSameId()
            throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0);
             LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            broker.createTopics(1, TOPIC);
            database.put("certificate", randomText(6 << 20));
            int port = freePort();
            Process agent = launch(database, broker, port);
            AgentApi api = api(port, agent);
            SnapshotId id;
            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                id = SnapshotId.parse(api.post("/api/v1/snapshots", null).body()
                        .get("snapshotId").asText());
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> !topic.poll().isEmpty());
                agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                List<Segment> partial = topic.readToEndSegmentsOf(id);
                assertThat(partial.size()).as("segments published before the kill")
                        .isPositive().isLessThan(partial.get(0).count());
            }

            Process restarted = launch(database, broker, port);
            try {
                AgentApi again = api(port, restarted);
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
                        again.get("/api/v1/status").body().get("outboxDepth").asInt()).isZero());
            } finally {
                stop(restarted);
            }
            try (SnapshotTopic topic = new SnapshotTopic(broker.bootstrapServers(), TOPIC)) {
                List<Segment> all = topic.readToEndSegmentsOf(id);
                List<Segment> lastRun = all.subList(lastIndexOfFirstSegment(all), all.size());
                Segment first = lastRun.get(0);
                assertThat(lastRun).extracting(Segment::index).as("a whole copy, in order")
                        .containsExactlyElementsOf(java.util.stream.IntStream
                                .range(0, first.count()).boxed().toList());
                MessageDigest sha256 = Sha256.newDigest();
                lastRun.forEach(segment -> sha256.update(segment.payload()));
                assertThat(Sha256.hex(sha256)).isEqualTo(first.sealedSha256());
                assertThat(all).filteredOn(segment -> segment.index() == 0)
                        .as("the cut attempt and exactly one republication").hasSize(2);
            }
        }
    }

    private static int lastIndexOfFirstSegment(List<Segment> segments) {
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).index() == 0) {
                return i;
            }
        }
        throw new AssertionError("no first segment");
    }

    private Process launch(LiveDatabase database, KafkaBroker broker, int port)
            throws IOException {
        Map<String, Object> settings = AgentConfig.of("fw-9", dir, database.file(),
                broker.bootstrapServers(), TOPIC);
        settings.put("micronaut.server.port", Integer.toString(port));
        // Small segments sent one request at a time: publishing takes long enough to be cut.
        settings.put("capture.kafka.segment-bytes", "1024");
        settings.put("capture.kafka.producer.batch.size", "1");
        settings.put("capture.kafka.producer.max.in.flight.requests.per.connection", "1");
        String classpath = Path.of("target", "classes").toAbsolutePath()
                + java.io.File.pathSeparator
                + Files.readString(Path.of("target", "runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(JAVA.toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classpath, "io.configvault.capture.Application"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.out").toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("CAPTURE_"));
        return builder.start();
    }

    private static AgentApi api(int port, Process agent) throws Exception {
        AgentApi api = new AgentApi(URI.create("http://127.0.0.1:" + port).toURL());
        await().atMost(Duration.ofSeconds(30)).ignoreException(ConnectException.class)
                .untilAsserted(() -> {
                    assertThat(agent.isAlive()).as("agent is running").isTrue();
                    assertThat(api.get("/api/v1/status").status()).isEqualTo(200);
                });
        return api;
    }

    private static void stop(Process agent) throws InterruptedException {
        agent.destroy();
        if (!agent.waitFor(30, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomText(int length) {
        Random random = new Random(5);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
