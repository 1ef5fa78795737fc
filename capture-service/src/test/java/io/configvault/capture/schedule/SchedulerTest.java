package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's regular runs: once per day at its time, through DST changes in two zones,
 * driven by {@link SchedulerHarness} the way {@link ScheduleTrigger}'s thread drives it.
 */
class SchedulerTest {

    @TempDir
    Path dir;

    private SchedulerHarness h;

    @BeforeEach
    void harness() {
        h = new SchedulerHarness(dir);
    }

    @Test
    void theOffsetOfTheseTestsIsNas17s() {
        assertThat(SchedulerHarness.OFFSET).isEqualTo(Duration.ofMinutes(17).plusSeconds(24));
    }

    @Test
    void aFirstStartRecordsItselfAndCatchesUpNothing() throws IOException {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T04:30");
        h.runUntil("2025-06-10T23:00");

        assertThat(h.capture.taken).as("today's 04:02:24 was before the first start").isEmpty();
        assertThat(h.stateFile.load()).contains(new ScheduleState(h.at("2025-06-10T04:30"), null));
        assertThat(h.status.nextScheduledRun()).contains(h.at("2025-06-11T04:02:24"));
        assertThat(h.status.lastScheduledRun()).isEmpty();
    }

    @Test
    void runsOnceAtItsTimeEveryDay() throws IOException {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-13T12:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00",
                "SCHEDULE 2025-06-13T04:02:24+02:00");
        assertThat(h.stateFile.load()).contains(new ScheduleState(h.at("2025-06-13T04:02:24"),
                h.at("2025-06-13T04:02:24")));
        assertThat(h.status.lastScheduledRun()).contains(h.at("2025-06-13T04:02:24"));
        assertThat(h.status.nextScheduledRun()).contains(h.at("2025-06-14T04:02:24"));
    }

    @Test
    void ticksEverySecondStillRunOncePerDay() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T04:00");
        h.tickEvery(Duration.ofSeconds(1), "2025-06-10T05:00");

        assertThat(h.capture.taken).containsExactly("SCHEDULE 2025-06-10T04:02:24+02:00");
    }

    @Test
    void springForwardInBerlinRunsA0230ScheduleOnceAfterTheGap() {
        h.start("30 2 * * *", SchedulerHarness.BERLIN, "2025-03-28T12:00");
        h.runUntil("2025-04-01T00:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-03-29T02:47:24+01:00",
                "SCHEDULE 2025-03-30T03:17:24+02:00",
                "SCHEDULE 2025-03-31T02:47:24+02:00");
    }

    @Test
    void fallBackInBerlinRunsA0230ScheduleOnceEvenWhenTickedEveryTenSeconds() {
        h.start("30 2 * * *", SchedulerHarness.BERLIN, "2025-10-24T12:00");
        h.tickEvery(Duration.ofSeconds(10), "2025-10-28T00:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-10-25T02:47:30+02:00",
                "SCHEDULE 2025-10-26T02:47:30+02:00",
                "SCHEDULE 2025-10-27T02:47:30+01:00");
    }

    @Test
    void theDefault0345IsUnaffectedByEitherTransitionInBerlin() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-03-29T12:00");
        h.runUntil("2025-03-31T12:00");
        h.restartAt("2025-10-25T12:00");
        h.runUntil("2025-10-27T12:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-03-30T04:02:24+02:00",
                "SCHEDULE 2025-03-31T04:02:24+02:00",
                "CATCH_UP 2025-10-25T12:17:24+02:00",
                "SCHEDULE 2025-10-26T04:02:24+01:00",
                "SCHEDULE 2025-10-27T04:02:24+01:00");
    }

    @Test
    void springForwardInNewYorkRunsA0230ScheduleOnceAfterTheGap() {
        h.start("30 2 * * *", SchedulerHarness.NEW_YORK, "2025-03-07T12:00");
        h.runUntil("2025-03-11T00:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-03-08T02:47:24-05:00",
                "SCHEDULE 2025-03-09T03:17:24-04:00",
                "SCHEDULE 2025-03-10T02:47:24-04:00");
    }

    @Test
    void fallBackInNewYorkRunsA0130ScheduleOnce() {
        h.start("30 1 * * *", SchedulerHarness.NEW_YORK, "2025-10-31T12:00");
        h.tickEvery(Duration.ofSeconds(10), "2025-11-04T00:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-11-01T01:47:30-04:00",
                "SCHEDULE 2025-11-02T01:47:30-04:00",
                "SCHEDULE 2025-11-03T01:47:30-05:00");
    }

}
