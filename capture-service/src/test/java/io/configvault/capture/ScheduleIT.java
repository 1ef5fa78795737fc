package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule through the real path (the schedule thread, the capture pipeline, the outbox, the
 * publisher) to the real broker. The agent's clock is shifted ({@link ShiftedClockFactory}) so
 * that run times come within seconds, but it runs at real speed.
 */
@ExtendWith(StackExtension.class)
class ScheduleIT {

    private static final String TOPIC = "schedule-it.snapshots";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void aScheduledRunIsPublishedAndADowntimeOfDaysIsCaughtUpOnceAtTheNextStart(
            LocalStack stack) throws Exception {
        stack.kafka().createTopics(1, TOPIC);
        try (LiveDatabase database = LiveDatabase.create(dir.resolve("config.db"));
             SnapshotTopic topic = new SnapshotTopic(stack.kafka().bootstrapServers(), TOPIC)) {
            database.put("hostname", "nas-17");
            Map<String, Object> base = AgentConfig.of("nas-17", dir, database.file(),
                    stack.kafka().bootstrapServers(), TOPIC);
            base.put("capture.schedule.enabled", "true");
            base.put("capture.schedule.jitter", "0s");

            // First start, every minute, with the agent's clock at 52 s past a whole minute:
            // nothing is caught up, and the next whole minute takes a SCHEDULE snapshot (the
            // one after, if starting up took longer than 8 s).
            Map<String, Object> first = new HashMap<>(base);
            first.put("capture.schedule.cron", "* * * * *");
            Instant now = Instant.now();
            first.put(ShiftedClockFactory.SHIFT, Duration.between(now,
                    now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(52)).toMillis());
            runAgent(first, api -> await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(triggers(topic, Instant.MIN, now.plus(Duration.ofDays(1))))
                        .as("published snapshots").contains(Trigger.SCHEDULE);
                assertThat(api.get("/api/v1/status").body().get("lastScheduledRun").isNull())
                        .as("status shows the last scheduled run").isFalse();
            }));

            // Three days later, at noon, on the daily 03:45 schedule: three run times were
            // missed, one CATCH_UP snapshot is taken at startup, and the next run is tomorrow.
            // The configuration changed meanwhile: unchanged content would give a heartbeat.
            database.put("hostname", "nas-17-renamed");
            Map<String, Object> second = new HashMap<>(base);
            LocalDate day = LocalDate.now(BERLIN).plusDays(3);
            Instant noon = day.atTime(12, 0).atZone(BERLIN).toInstant();
            second.put(ShiftedClockFactory.SHIFT, Duration.between(Instant.now(), noon)
                    .toMillis());
            runAgent(second, api -> {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(triggers(topic, noon, Instant.MAX)).contains(Trigger.CATCH_UP));
                AgentApi.Response status = api.get("/api/v1/status");
                assertThat(Instant.parse(status.body().get("nextScheduledRun").asText()))
                        .isEqualTo(day.plusDays(1).atTime(LocalTime.of(3, 45)).atZone(BERLIN)
                                .toInstant());
                assertThat(Instant.parse(status.body().get("lastScheduledRun").asText()))
                        .isAfter(noon);
            });

            topic.readToEnd();
            assertThat(triggers(topic, Instant.MIN, noon)).as("before the downtime")
                    .contains(Trigger.SCHEDULE).doesNotContain(Trigger.CATCH_UP);
            assertThat(triggers(topic, noon, Instant.MAX)).as("after the downtime")
                    .containsExactly(Trigger.CATCH_UP);
        }
    }

    private interface AgentCheck {
        void run(AgentApi api) throws Exception;
    }

    private static void runAgent(Map<String, Object> properties, AgentCheck check)
            throws Exception {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        try (ApplicationContext context = server.getApplicationContext()) {
            AgentApi api = new AgentApi(server.getURL());
            check.run(api);
            // Everything taken is published before the agent stops.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    api.get("/api/v1/status").body().get("outboxDepth").asInt()).isZero());
        }
    }

    /** Triggers of the complete snapshots on the topic captured in {@code [from, to)}. */
    private static List<Trigger> triggers(SnapshotTopic topic, Instant from, Instant to)
            throws Exception {
        topic.poll();
        return topic.snapshots().stream().map(SnapshotTopic.Snapshot::manifest)
                .filter(m -> !m.capturedAt().isBefore(from) && m.capturedAt().isBefore(to))
                .map(m -> m.trigger()).toList();
    }
}
