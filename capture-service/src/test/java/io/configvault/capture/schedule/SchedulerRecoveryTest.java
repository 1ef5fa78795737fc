package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.snapshot.CaptureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler after trouble: downtime and catch-up, failed and slow captures, unreadable or
 * unwritable state, clock errors. Driven by {@link SchedulerHarness}.
 */
class SchedulerRecoveryTest {

    @TempDir
    Path dir;

    private SchedulerHarness h;

    @BeforeEach
    void harness() {
        h = new SchedulerHarness(dir);
    }

    @Test
    void aDowntimeOfDaysIsCaughtUpExactlyOnce() throws IOException {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T12:00");

        h.restartAt("2025-06-16T09:00");
        assertThat(h.status.nextScheduledRun()).as("the catch-up waits for the jitter offset")
                .contains(h.at("2025-06-16T09:17:24"));
        h.runUntil("2025-06-17T12:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "CATCH_UP 2025-06-16T09:17:24+02:00",
                "SCHEDULE 2025-06-17T04:02:24+02:00");
        assertThat(h.stateFile.load()).contains(new ScheduleState(h.at("2025-06-17T04:02:24"),
                h.at("2025-06-17T04:02:24")));
    }

    @Test
    void aRestartWithNothingMissedCatchesUpNothing() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T12:00");
        h.restartAt("2025-06-11T20:00");
        h.runUntil("2025-06-12T04:00");
        h.restartAt("2025-06-12T04:02:23");
        h.runUntil("2025-06-12T12:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aRunTimeMissedByOneSecondIsCaughtUp() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T04:02");
        h.restartAt("2025-06-11T04:02:25");
        h.runUntil("2025-06-11T12:00");

        assertThat(h.capture.taken).containsExactly("CATCH_UP 2025-06-11T04:19:49+02:00");
    }

    @Test
    void aRegularRunTimeReachedBeforeTheDelayedCatchUpTakesItsPlace() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.restartAt("2025-06-12T03:50");
        assertThat(h.status.nextScheduledRun()).contains(h.at("2025-06-12T04:02:24"));
        h.runUntil("2025-06-12T12:00");

        assertThat(h.capture.taken).containsExactly("SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aFailedRunIsRetriedWithBackoffUntilItSucceeds() {
        h.capture.failures.addAll(List.of(CaptureException.Kind.FAILED,
                CaptureException.Kind.FAILED, CaptureException.Kind.FAILED));
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-12T12:00");

        assertThat(h.capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:09:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void retriesGiveWayToTheNextRunTime() {
        h.capture.failAlways = true;
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-12T04:04");

        assertThat(h.capture.attempts).startsWith(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:09:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:17:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:33:24+02:00 failed",
                "SCHEDULE 2025-06-11T05:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T06:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T07:05:24+02:00 failed");
        assertThat(h.capture.attempts).endsWith(
                "SCHEDULE 2025-06-12T03:05:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:03:24+02:00 failed");
        assertThat(h.capture.attempts).hasSize(9 + 20 + 2);
        assertThat(Scheduler.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Scheduler.retryDelay(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(Scheduler.retryDelay(7)).isEqualTo(Duration.ofHours(1));
        assertThat(Scheduler.retryDelay(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anUnexpectedErrorIsReportedAndRetriedLikeAFailure() {
        h.capture.unexpected = new IllegalStateException("bug");
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T04:02:30");

        assertThat(h.status.lastError()).contains("Cannot capture SCHEDULE snapshot: it failed"
                + " unexpectedly (java.lang.IllegalStateException: bug)");
        h.runUntil("2025-06-11T12:00");
        assertThat(h.capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00");
        assertThat(h.status.lastError()).as("cleared by the next success").isEmpty();
    }

    @Test
    void aSnapshotTooLargeIsNotRetried() {
        h.capture.failures.add(CaptureException.Kind.TOO_LARGE);
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-12T12:00");

        assertThat(h.capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aRunStillOwedAtShutdownIsCaughtUpAtTheNextStart() {
        h.capture.failures.add(CaptureException.Kind.FAILED);
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T04:03");
        h.restartAt("2025-06-11T04:10");
        h.runUntil("2025-06-11T12:00");

        assertThat(h.capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "CATCH_UP 2025-06-11T04:27:24+02:00");
    }

    @Test
    void aFailedCatchUpIsRetriedAsACatchUp() {
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.capture.failures.add(CaptureException.Kind.FAILED);
        h.restartAt("2025-06-14T12:00");
        h.runUntil("2025-06-14T13:00");

        assertThat(h.capture.attempts).containsExactly(
                "CATCH_UP 2025-06-14T12:17:24+02:00 failed",
                "CATCH_UP 2025-06-14T12:18:24+02:00");
    }

    @Test
    void anUnreadableStateFileCountsAsAMissedRun() throws IOException {
        Files.writeString(h.dir.resolve(ScheduleStateFile.NAME), "not a state file\n");
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T12:00");

        assertThat(h.capture.taken).containsExactly(
                "CATCH_UP 2025-06-10T12:17:24+02:00",
                "SCHEDULE 2025-06-11T04:02:24+02:00");
        assertThat(h.stateFile.load()).isPresent();
    }

    @Test
    void aRecordedTimeDaysAheadOfTheClockIsAClockErrorAndTheScheduleGoesOnFromNow()
            throws IOException {
        new ScheduleStateFile(h.dir.resolve(ScheduleStateFile.NAME)).save(
                new ScheduleState(Instant.parse("2035-01-01T00:00:00Z"), null));
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-11T12:00");
        // The clock steps back by an hour: the run is not repeated.
        h.clock.advance(Duration.ofHours(-1));
        h.runUntil("2025-06-11T23:00");
        // The clock steps back by a week: the schedule goes on from there.
        h.clock.advance(Duration.ofDays(-7));
        h.runUntil("2025-06-05T12:00");

        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-05T04:02:24+02:00");
    }

    @Test
    void aStateFileThatCannotBeWrittenIsReportedAndTheScheduleGoesOnInMemory()
            throws IOException {
        Path state = h.dir.resolve(ScheduleStateFile.NAME);
        Files.createDirectories(state);
        Files.writeString(state.resolve("occupied"), "x");
        h.start("45 3 * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00");
        h.runUntil("2025-06-12T12:00");

        assertThat(h.status.lastError()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("Cannot record the schedule state in " + state + ": "));

        assertThat(h.capture.taken).containsExactly(
                "CATCH_UP 2025-06-10T12:17:24+02:00",
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void capturesThatTakeLongerThanTheIntervalDoNotQueueUp() {
        h.capture.duration = Duration.ofSeconds(150);
        h.start("* * * * *", SchedulerHarness.BERLIN, "2025-06-10T12:00:30");
        h.runUntil("2025-06-10T12:10");

        // Run times that pass during a capture are covered by it, not run afterwards one by one.
        assertThat(h.capture.taken).containsExactly(
                "SCHEDULE 2025-06-10T12:01:24+02:00",
                "SCHEDULE 2025-06-10T12:04:24+02:00",
                "SCHEDULE 2025-06-10T12:07:24+02:00");
    }

}
