package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler driven by a clock the test moves, the way {@link ScheduleTrigger}'s thread drives
 * it (sleep until {@link Scheduler#nextWake()}, at most a minute), or by ticks at a fixed pace.
 * A "restart" is a new scheduler on the same state file. Every appliance here has nas-17's
 * jitter offset of 17m24s, so the default 03:45 runs at 04:02:24.
 */
class SchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration OFFSET = Jitter.offset("nas-17", Duration.ofMinutes(30));
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochSecond(0);
    private final FakeCapture capture = new FakeCapture();
    private final AgentStatus status = new AgentStatus(clock);
    private ScheduleStateFile stateFile;
    private Schedule schedule;
    private Scheduler scheduler;

    @Test
    void theOffsetOfTheseTestsIsNas17s() {
        assertThat(OFFSET).isEqualTo(Duration.ofMinutes(17).plusSeconds(24));
    }

    @Test
    void aFirstStartRecordsItselfAndCatchesUpNothing() throws IOException {
        start("45 3 * * *", BERLIN, "2025-06-10T04:30");
        runUntil("2025-06-10T23:00");

        assertThat(capture.taken).as("today's 04:02:24 was before the first start").isEmpty();
        assertThat(stateFile.load()).contains(new ScheduleState(at("2025-06-10T04:30"), null));
        assertThat(status.nextScheduledRun()).contains(at("2025-06-11T04:02:24"));
        assertThat(status.lastScheduledRun()).isEmpty();
    }

    @Test
    void runsOnceAtItsTimeEveryDay() throws IOException {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-13T12:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00",
                "SCHEDULE 2025-06-13T04:02:24+02:00");
        assertThat(stateFile.load()).contains(new ScheduleState(at("2025-06-13T04:02:24"),
                at("2025-06-13T04:02:24")));
        assertThat(status.lastScheduledRun()).contains(at("2025-06-13T04:02:24"));
        assertThat(status.nextScheduledRun()).contains(at("2025-06-14T04:02:24"));
    }

    @Test
    void ticksEverySecondStillRunOncePerDay() {
        start("45 3 * * *", BERLIN, "2025-06-10T04:00");
        tickEvery(Duration.ofSeconds(1), "2025-06-10T05:00");

        assertThat(capture.taken).containsExactly("SCHEDULE 2025-06-10T04:02:24+02:00");
    }

    @Test
    void springForwardInBerlinRunsA0230ScheduleOnceAfterTheGap() {
        start("30 2 * * *", BERLIN, "2025-03-28T12:00");
        runUntil("2025-04-01T00:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-03-29T02:47:24+01:00",
                "SCHEDULE 2025-03-30T03:17:24+02:00",
                "SCHEDULE 2025-03-31T02:47:24+02:00");
    }

    @Test
    void fallBackInBerlinRunsA0230ScheduleOnceEvenWhenTickedEveryTenSeconds() {
        start("30 2 * * *", BERLIN, "2025-10-24T12:00");
        tickEvery(Duration.ofSeconds(10), "2025-10-28T00:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-10-25T02:47:30+02:00",
                "SCHEDULE 2025-10-26T02:47:30+02:00",
                "SCHEDULE 2025-10-27T02:47:30+01:00");
    }

    @Test
    void theDefault0345IsUnaffectedByEitherTransitionInBerlin() {
        start("45 3 * * *", BERLIN, "2025-03-29T12:00");
        runUntil("2025-03-31T12:00");
        restartAt("2025-10-25T12:00");
        runUntil("2025-10-27T12:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-03-30T04:02:24+02:00",
                "SCHEDULE 2025-03-31T04:02:24+02:00",
                "CATCH_UP 2025-10-25T12:17:24+02:00",
                "SCHEDULE 2025-10-26T04:02:24+01:00",
                "SCHEDULE 2025-10-27T04:02:24+01:00");
    }

    @Test
    void springForwardInNewYorkRunsA0230ScheduleOnceAfterTheGap() {
        start("30 2 * * *", NEW_YORK, "2025-03-07T12:00");
        runUntil("2025-03-11T00:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-03-08T02:47:24-05:00",
                "SCHEDULE 2025-03-09T03:17:24-04:00",
                "SCHEDULE 2025-03-10T02:47:24-04:00");
    }

    @Test
    void fallBackInNewYorkRunsA0130ScheduleOnce() {
        start("30 1 * * *", NEW_YORK, "2025-10-31T12:00");
        tickEvery(Duration.ofSeconds(10), "2025-11-04T00:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-11-01T01:47:30-04:00",
                "SCHEDULE 2025-11-02T01:47:30-04:00",
                "SCHEDULE 2025-11-03T01:47:30-05:00");
    }

    @Test
    void aDowntimeOfDaysIsCaughtUpExactlyOnce() throws IOException {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T12:00");

        restartAt("2025-06-16T09:00");
        assertThat(status.nextScheduledRun()).as("the catch-up waits for the jitter offset")
                .contains(at("2025-06-16T09:17:24"));
        runUntil("2025-06-17T12:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "CATCH_UP 2025-06-16T09:17:24+02:00",
                "SCHEDULE 2025-06-17T04:02:24+02:00");
        assertThat(stateFile.load()).contains(new ScheduleState(at("2025-06-17T04:02:24"),
                at("2025-06-17T04:02:24")));
    }

    @Test
    void aRestartWithNothingMissedCatchesUpNothing() {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T12:00");
        restartAt("2025-06-11T20:00");
        runUntil("2025-06-12T04:00");
        restartAt("2025-06-12T04:02:23");
        runUntil("2025-06-12T12:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aRunTimeMissedByOneSecondIsCaughtUp() {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T04:02");
        restartAt("2025-06-11T04:02:25");
        runUntil("2025-06-11T12:00");

        assertThat(capture.taken).containsExactly("CATCH_UP 2025-06-11T04:19:49+02:00");
    }

    @Test
    void aRegularRunTimeReachedBeforeTheDelayedCatchUpTakesItsPlace() {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        restartAt("2025-06-12T03:50");
        assertThat(status.nextScheduledRun()).contains(at("2025-06-12T04:02:24"));
        runUntil("2025-06-12T12:00");

        assertThat(capture.taken).containsExactly("SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aFailedRunIsRetriedWithBackoffUntilItSucceeds() {
        capture.failures.addAll(List.of(CaptureException.Kind.FAILED,
                CaptureException.Kind.FAILED, CaptureException.Kind.FAILED));
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-12T12:00");

        assertThat(capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:09:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void retriesGiveWayToTheNextRunTime() {
        capture.failAlways = true;
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-12T04:04");

        assertThat(capture.attempts).startsWith(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:09:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:17:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:33:24+02:00 failed",
                "SCHEDULE 2025-06-11T05:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T06:05:24+02:00 failed",
                "SCHEDULE 2025-06-11T07:05:24+02:00 failed");
        assertThat(capture.attempts).endsWith(
                "SCHEDULE 2025-06-12T03:05:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:03:24+02:00 failed");
        assertThat(capture.attempts).hasSize(9 + 20 + 2);
        assertThat(Scheduler.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Scheduler.retryDelay(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(Scheduler.retryDelay(7)).isEqualTo(Duration.ofHours(1));
        assertThat(Scheduler.retryDelay(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anUnexpectedErrorIsReportedAndRetriedLikeAFailure() {
        capture.unexpected = new IllegalStateException("bug");
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T04:02:30");

        assertThat(status.lastError()).contains("Cannot capture SCHEDULE snapshot: it failed"
                + " unexpectedly (java.lang.IllegalStateException: bug)");
        runUntil("2025-06-11T12:00");
        assertThat(capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-11T04:03:24+02:00");
        assertThat(status.lastError()).as("cleared by the next success").isEmpty();
    }

    @Test
    void aSnapshotTooLargeIsNotRetried() {
        capture.failures.add(CaptureException.Kind.TOO_LARGE);
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-12T12:00");

        assertThat(capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void aRunStillOwedAtShutdownIsCaughtUpAtTheNextStart() {
        capture.failures.add(CaptureException.Kind.FAILED);
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T04:03");
        restartAt("2025-06-11T04:10");
        runUntil("2025-06-11T12:00");

        assertThat(capture.attempts).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00 failed",
                "CATCH_UP 2025-06-11T04:27:24+02:00");
    }

    @Test
    void aFailedCatchUpIsRetriedAsACatchUp() {
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        capture.failures.add(CaptureException.Kind.FAILED);
        restartAt("2025-06-14T12:00");
        runUntil("2025-06-14T13:00");

        assertThat(capture.attempts).containsExactly(
                "CATCH_UP 2025-06-14T12:17:24+02:00 failed",
                "CATCH_UP 2025-06-14T12:18:24+02:00");
    }

    @Test
    void anUnreadableStateFileCountsAsAMissedRun() throws IOException {
        Files.writeString(dir.resolve(ScheduleStateFile.NAME), "not a state file\n");
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T12:00");

        assertThat(capture.taken).containsExactly(
                "CATCH_UP 2025-06-10T12:17:24+02:00",
                "SCHEDULE 2025-06-11T04:02:24+02:00");
        assertThat(stateFile.load()).isPresent();
    }

    @Test
    void aRecordedTimeDaysAheadOfTheClockIsAClockErrorAndTheScheduleGoesOnFromNow()
            throws IOException {
        new ScheduleStateFile(dir.resolve(ScheduleStateFile.NAME)).save(
                new ScheduleState(Instant.parse("2035-01-01T00:00:00Z"), null));
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-11T12:00");
        // The clock steps back by an hour: the run is not repeated.
        clock.advance(Duration.ofHours(-1));
        runUntil("2025-06-11T23:00");
        // The clock steps back by a week: the schedule goes on from there.
        clock.advance(Duration.ofDays(-7));
        runUntil("2025-06-05T12:00");

        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-05T04:02:24+02:00");
    }

    @Test
    void aStateFileThatCannotBeWrittenIsReportedAndTheScheduleGoesOnInMemory()
            throws IOException {
        Path state = dir.resolve(ScheduleStateFile.NAME);
        Files.createDirectories(state);
        Files.writeString(state.resolve("occupied"), "x");
        start("45 3 * * *", BERLIN, "2025-06-10T12:00");
        runUntil("2025-06-12T12:00");

        assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("Cannot record the schedule state in " + state + ": "));

        assertThat(capture.taken).containsExactly(
                "CATCH_UP 2025-06-10T12:17:24+02:00",
                "SCHEDULE 2025-06-11T04:02:24+02:00",
                "SCHEDULE 2025-06-12T04:02:24+02:00");
    }

    @Test
    void capturesThatTakeLongerThanTheIntervalDoNotQueueUp() {
        capture.duration = Duration.ofSeconds(150);
        start("* * * * *", BERLIN, "2025-06-10T12:00:30");
        runUntil("2025-06-10T12:10");

        // Run times that pass during a capture are covered by it, not run afterwards one by one.
        assertThat(capture.taken).containsExactly(
                "SCHEDULE 2025-06-10T12:01:24+02:00",
                "SCHEDULE 2025-06-10T12:04:24+02:00",
                "SCHEDULE 2025-06-10T12:07:24+02:00");
    }

    // --- driving the scheduler ---

    private void start(String cron, ZoneId zone, String local) {
        schedule = new Schedule(CronExpression.parse(cron), zone, OFFSET);
        stateFile = new ScheduleStateFile(dir.resolve(ScheduleStateFile.NAME));
        moveTo(at(local));
        scheduler = new Scheduler(schedule, stateFile, capture, clock, status);
        scheduler.start();
    }

    /** The agent stopped at the clock's present and starts again at {@code local}. */
    private void restartAt(String local) {
        start(schedule.cron().toString(), schedule.zone(), local);
    }

    /** As the trigger's thread does: tick, sleep until the next wake (a minute at most). */
    private void runUntil(String local) {
        Instant end = at(local);
        for (int i = 0; i < 1_000_000; i++) {
            scheduler.tick();
            Instant wake = scheduler.nextWake();
            Instant latest = clock.instant().plus(ScheduleTrigger.MAX_SLEEP);
            wake = wake.isBefore(latest) ? wake : latest;
            assertThat(wake).as("the next wake is in the future").isAfter(clock.instant());
            if (wake.isAfter(end)) {
                moveTo(end);
                return;
            }
            moveTo(wake);
        }
        fail("the scheduler never went to sleep");
    }

    private void tickEvery(Duration step, String local) {
        Instant end = at(local);
        while (!clock.instant().isAfter(end)) {
            scheduler.tick();
            clock.advance(step);
        }
    }

    private void moveTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    private Instant at(String local) {
        ZoneId zone = schedule == null ? BERLIN : schedule.zone();
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /** Records every capture as "TRIGGER local-time" in the schedule's zone. */
    private final class FakeCapture implements SnapshotCapture {
        final List<String> taken = new ArrayList<>();
        final List<String> attempts = new ArrayList<>();
        final Deque<CaptureException.Kind> failures = new ArrayDeque<>();
        boolean failAlways;
        RuntimeException unexpected;
        Duration duration = Duration.ZERO;

        @Override
        public CapturedSnapshot capture(Trigger trigger, String label) throws CaptureException {
            String entry = trigger + " " + ZonedDateTime.ofInstant(clock.instant(),
                    schedule.zone()).format(TIME);
            clock.advance(duration);
            if (unexpected != null) {
                attempts.add(entry + " failed");
                RuntimeException thrown = unexpected;
                unexpected = null;
                throw thrown;
            }
            CaptureException.Kind failure = failAlways ? CaptureException.Kind.FAILED
                    : failures.poll();
            if (failure != null) {
                attempts.add(entry + " failed");
                throw new CaptureException(failure, "Cannot capture " + trigger
                        + " snapshot of appliance nas-17: the test says so", null);
            }
            attempts.add(entry);
            taken.add(entry);
            return new CapturedSnapshot(SnapshotId.mint(clock), taken.size(), trigger, 1, 100);
        }
    }
}
