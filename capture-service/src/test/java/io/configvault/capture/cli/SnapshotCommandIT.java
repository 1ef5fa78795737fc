package io.configvault.capture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The manual-snapshot command against a running agent and the real broker. */
@ExtendWith(StackExtension.class)
class SnapshotCommandIT {

    private static final String TOPIC = "snapshot-command-it.snapshots";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new SnapshotCommand().run(args, Map.of(), new PrintStream(out, true),
                new PrintStream(err, true));
    }

    @Test
    void takesALabelledManualSnapshotThroughTheRunningAgent(LocalStack stack) throws Exception {
        stack.kafka().createTopics(1, TOPIC);
        try (LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"))) {
            database.put("hostname", "nas-cli");
            EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, AgentConfig.of(
                    "nas-cli", dir, database.file(), stack.kafka().bootstrapServers(), TOPIC));
            try (ApplicationContext context = server.getApplicationContext();
                 SnapshotTopic topic = new SnapshotTopic(stack.kafka().bootstrapServers(), TOPIC)) {
                int exit = run("--label", "before upgrade", "--agent-url", server.getURL().toString());

                assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
                Matcher id = Pattern.compile("Snapshot ([0-9a-f-]{36}) \\(sequence \\d+\\) is in"
                        + " the outbox").matcher(out.toString(StandardCharsets.UTF_8));
                assertThat(id.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
                SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(30))
                        .until(() -> topic.snapshot(SnapshotId.parse(id.group(1))),
                                Optional::isPresent).orElseThrow();
                assertThat(snapshot.manifest().trigger()).isEqualTo(Trigger.MANUAL);
                assertThat(snapshot.manifest().label()).isEqualTo("before upgrade");

                assertThat(run("--label", "x".repeat(201), "--agent-url",
                        server.getURL().toString())).isEqualTo(2);
                assertThat(err.toString(StandardCharsets.UTF_8))
                        .contains("Cannot take a snapshot: ");
                context.stop();
            }
        }
    }

    @Test
    void saysSoWhenNoAgentAnswers() throws Exception {
        String url = "http://127.0.0.1:" + FreePorts.pick();

        assertThat(run("--agent-url", url)).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("Cannot take a snapshot: no"
                + " agent answers at " + url + " (is the capture service running?)\n");
        assertThat(run("--bogus")).isEqualTo(2);
    }
}
