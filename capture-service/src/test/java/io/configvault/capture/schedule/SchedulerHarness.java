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

/**
 * The scheduler driven by a clock the test moves, the way {@link ScheduleTrigger}'s thread drives
 * it (sleep until {@link Scheduler#nextWake()}, at most a minute), or by ticks at a fixed pace.
 * A "restart" is a new scheduler on the same state file. Every appliance here has nas-17's
 * jitter offset of 17m24s, so the default 03:45 runs at 04:02:24.
 */
final class SchedulerHarness {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Duration OFFSET = Jitter.offset("nas-17", Duration.ofMinutes(30));
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    final Path dir;
    final MutableClock clock = MutableClock.atEpochSecond(0);
    final FakeCapture capture = new FakeCapture();
    final AgentStatus status = new AgentStatus(clock);
    ScheduleStateFile stateFile;
    Schedule schedule;
    Scheduler scheduler;

    SchedulerHarness(Path dir) {
        this.dir = dir;
    }

    void start(String cron, ZoneId zone, String local) {
        schedule = new Schedule(CronExpression.parse(cron), zone, OFFSET);
        stateFile = new ScheduleStateFile(dir.resolve(ScheduleStateFile.NAME));
        moveTo(at(local));
        scheduler = new Scheduler(schedule, stateFile, capture, clock, status);
        scheduler.start();
    }

    /** The agent stopped at the clock's present and starts again at {@code local}. */
    void restartAt(String local) {
        start(schedule.cron().toString(), schedule.zone(), local);
    }

    /** As the trigger's thread does: tick, sleep until the next wake (a minute at most). */
    void runUntil(String local) {
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

    void tickEvery(Duration step, String local) {
        Instant end = at(local);
        while (!clock.instant().isAfter(end)) {
            scheduler.tick();
            clock.advance(step);
        }
    }

    void moveTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    Instant at(String local) {
        ZoneId zone = schedule == null ? BERLIN : schedule.zone();
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    /** Records every capture as "TRIGGER local-time" in the schedule's zone. */
    final class FakeCapture implements SnapshotCapture {
        final List<String> taken = new ArrayList<>();
        final List<String> attempts = new ArrayList<>();
        final Deque<CaptureException.Kind> failures = new ArrayDeque<>();
        boolean failAlways;
        RuntimeException unexpected;
        Duration duration = Duration.ZERO;

        @Override
        public CapturedSnapshot capture(Trigger trigger, String label, SnapshotId requestId)
                throws CaptureException {
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
