package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.ScheduleProperties;
import io.configvault.capture.schedule.ScheduleStateFile;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule's settings bound by the real application context: the documented defaults, the
 * first start, and the one-line errors of bad settings. No broker is needed.
 */
class ScheduleStartupIT {

    @TempDir
    Path dir;

    private Map<String, Object> properties;

    @BeforeEach
    void validConfiguration() throws Exception {
        Path database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("a", "b");
        }
        properties = new HashMap<>(AgentConfig.of("nas-17", dir, database, "127.0.0.1:9",
                "schedule-startup-it"));
        properties.remove("capture.schedule.enabled");
    }

    @Test
    void startsWithTheDocumentedDefaultsAndPlansTheNextRunAtTheAppliancesOffset() {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(ScheduleProperties.class)).isEqualTo(
                    new ScheduleProperties("45 3 * * *", Duration.ofMinutes(30), true));
            Instant next = context.getBean(AgentStatus.class).nextScheduledRun().orElseThrow();

            // 03:45 in the appliance's zone (Europe/Berlin here) plus nas-17's 17m24s.
            assertThat(next.atZone(ZoneId.of("Europe/Berlin")).toLocalTime())
                    .isEqualTo(LocalTime.of(4, 2, 24));
            assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(25)));
            assertThat(context.getBean(AgentStatus.class).lastScheduledRun()).isEmpty();
            assertThat(dir.resolve("data").resolve(ScheduleStateFile.NAME))
                    .as("the first start is recorded").exists();
        }
    }

    @Test
    void aSwitchedOffScheduleRecordsAndPlansNothing() {
        properties.put("capture.schedule.enabled", "false");

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(AgentStatus.class).nextScheduledRun()).isEmpty();
            assertThat(dir.resolve("data").resolve(ScheduleStateFile.NAME)).doesNotExist();
        }
    }

    @Test
    void anInvalidCronExpressionStopsStartupEvenWhenTheScheduleIsOff() {
        properties.put("capture.schedule.cron", "45 3 * *");
        properties.put("capture.schedule.enabled", "false");

        assertStartupFails("Cannot start capture: the cron expression '45 3 * *' is invalid:"
                + " expected 5 fields (minute hour day-of-month month day-of-week), found 4"
                + " (capture.schedule.cron)");
    }

    @Test
    void aNegativeJitterWindowStopsStartup() {
        properties.put("capture.schedule.jitter", "-5m");

        assertStartupFails("Cannot start capture: the jitter window must be zero or a positive"
                + " duration (capture.schedule.jitter)");
    }

    private void assertStartupFails(String message) {
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .satisfies(failure -> assertThat(Application.configurationError(failure))
                        .isNotNull()
                        .hasMessage(message));
    }
}
