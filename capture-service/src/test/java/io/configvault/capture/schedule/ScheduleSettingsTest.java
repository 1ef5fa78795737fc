package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.ScheduleProperties;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The {@code capture.schedule.*} settings become a schedule, or a one-line startup error. */
class ScheduleSettingsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theSettingsGiveTheAppliancesOwnOffsetInTheConfiguredZone() {
        Schedule schedule = ScheduleTrigger.schedule(
                new ScheduleProperties("45 3 * * *", Duration.ofMinutes(30), true), "nas-17",
                BERLIN);

        assertThat(schedule).isEqualTo(new Schedule(CronExpression.parse("45 3 * * *"), BERLIN,
                Duration.ofSeconds(1044)));
        assertThat(ScheduleTrigger.schedule(new ScheduleProperties("45 3 * * *", Duration.ZERO,
                true), "nas-17", BERLIN).offset()).as("no jitter").isZero();
    }

    @Test
    void anInvalidCronExpressionNamesTheSettingAndTheProblem() {
        assertThatThrownBy(() -> ScheduleTrigger.schedule(new ScheduleProperties("45 25 * * *",
                Duration.ofMinutes(30), true), "nas-17", BERLIN))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the cron expression '45 25 * * *' is invalid:"
                        + " hour 25 is out of range 0-23 (capture.schedule.cron)");
    }

    @Test
    void aBlankCronExpressionOrABadJitterWindowIsRefused() {
        assertThatThrownBy(() -> new ScheduleProperties(" ", Duration.ofMinutes(30), true))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the schedule's cron expression is not set"
                        + " (capture.schedule.cron)");
        assertThatThrownBy(() -> new ScheduleProperties("45 3 * * *", Duration.ofMinutes(-1),
                true)).hasMessage("Cannot start capture: the jitter window must be zero or a"
                + " positive duration (capture.schedule.jitter)");
        assertThatThrownBy(() -> new ScheduleProperties("45 3 * * *", Duration.ofHours(25),
                true)).hasMessage("Cannot start capture: the jitter window must not be longer"
                + " than 1 day (capture.schedule.jitter)");
    }
}
