package io.configvault.capture.schedule;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when scheduled and catch-up snapshots are taken, and takes them. Driven from one
 * thread: {@link #start()} once, then {@link #tick()} whenever {@link #nextWake()} comes (or
 * earlier: a tick that finds nothing due does nothing). All time comes from the clock, so tests
 * run it with a clock they move. Not thread-safe, except the status it reports.
 *
 * <p>The rules (also in {@code docs/design.md}):
 * <ul>
 *   <li><b>Handled through.</b> The state file keeps an instant up to which every scheduled run
 *       time is dealt with. A run that succeeds moves it to the moment the run ended, so run
 *       times that passed while a capture was running (or while the agent was down) are covered
 *       by that one snapshot instead of queueing up.</li>
 *   <li><b>First start.</b> Without a state file the agent has never run here: it records the
 *       start as handled and does not catch up on anything before it.</li>
 *   <li><b>Catch-up.</b> At a later start, if a run time (jitter included) lies between the
 *       recorded instant and now, exactly one CATCH_UP snapshot is taken, however many run
 *       times were missed. It waits for the appliance's jitter offset after startup, so that a
 *       fleet coming back from a shared outage does not hit the bus at once; a regular run time
 *       reached first replaces it. An unreadable state file counts as a missed run.</li>
 *   <li><b>Failures.</b> A capture that fails for a transient reason is retried (1 minute after
 *       the failure, doubling up to 1 hour) until it succeeds or the next run time comes, which
 *       then runs as a fresh SCHEDULE. A snapshot over the size limit is not retried. An agent
 *       restarted while a run is still owed catches it up.</li>
 *   <li><b>Clock errors.</b> A recorded instant more than a day ahead of the clock means the
 *       clock was wrong then or is wrong now; the schedule then continues from the clock's
 *       present, so that a clock once set years ahead cannot silence the schedule.</li>
 * </ul>
 * A run time the running agent notices late (a suspended box, a clock stepped forward) runs
 * once, as SCHEDULE.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    static final Duration CLOCK_TOLERANCE = Duration.ofDays(1);

    /** A run owed regardless of the schedule: the startup catch-up, or a retry. */
    private record Owed(Trigger trigger, Instant notBefore, Instant since, int failures) {
    }

    /** What {@link #tick()} runs now. */
    private record Run(Trigger trigger, int failures) {
    }

    private final Schedule schedule;
    private final ScheduleStateFile stateFile;
    private final SnapshotCapture capture;
    private final Clock clock;
    private final AgentStatus status;

    private Instant handledThrough;
    private Instant lastRun;
    private Owed owed;

    public Scheduler(Schedule schedule, ScheduleStateFile stateFile, SnapshotCapture capture,
                     Clock clock, AgentStatus status) {
        this.schedule = schedule;
        this.stateFile = stateFile;
        this.capture = capture;
        this.clock = clock;
        this.status = status;
    }

    /** Loads the state and decides whether a catch-up is owed. Call once, before any tick. */
    public void start() {
        Instant now = clock.instant();
        Optional<ScheduleState> stored;
        boolean unreadable = false;
        try {
            stored = stateFile.load();
        } catch (IOException e) {
            LOG.warn("{}; counting it as a missed scheduled run", e.getMessage());
            stored = Optional.of(new ScheduleState(Instant.EPOCH, null));
            unreadable = true;
        }
        if (stored.isEmpty()) {
            handledThrough = now;
            LOG.info("First start of the schedule: runs before {} are not caught up", local(now));
            save();
        } else {
            handledThrough = stored.get().handledThrough();
            lastRun = stored.get().lastRun();
            correctClockError(now);
            Instant missed = schedule.nextRun(handledThrough);
            if (!missed.isAfter(now)) {
                owed = new Owed(Trigger.CATCH_UP, now.plus(schedule.offset()), now, 0);
                LOG.info("{}; one catch-up snapshot follows at {}", unreadable
                        ? "The last scheduled run is unknown" : "The scheduled run at "
                        + local(missed) + " was missed while the agent was down",
                        local(owed.notBefore()));
            }
        }
        report();
    }

    /** Takes the scheduled, catch-up or retried snapshot that is due now, if any. */
    public void tick() {
        Instant now = clock.instant();
        correctClockError(now);
        Run run = due(now);
        if (run != null) {
            take(run);
        }
        report();
    }

    /** When something may next be due; never earlier than needed. */
    public Instant nextWake() {
        if (owed == null) {
            return schedule.nextRun(handledThrough);
        }
        Instant nextSlot = schedule.nextRun(owed.since());
        return nextSlot.isBefore(owed.notBefore()) ? nextSlot : owed.notBefore();
    }

    public Schedule schedule() {
        return schedule;
    }

    private Run due(Instant now) {
        if (owed == null) {
            return schedule.nextRun(handledThrough).isAfter(now) ? null
                    : new Run(Trigger.SCHEDULE, 0);
        }
        if (!schedule.nextRun(owed.since()).isAfter(now)) {
            return new Run(Trigger.SCHEDULE, 0);
        }
        return owed.notBefore().isAfter(now) ? null : new Run(owed.trigger(), owed.failures());
    }

    private void take(Run run) {
        Instant started = clock.instant();
        try {
            capture.capture(run.trigger(), null);
            lastRun = started;
            handled();
        } catch (CaptureException e) {
            // The pipeline put the message into the agent status; the log line is ours.
            if (e.kind() == CaptureException.Kind.TOO_LARGE) {
                LOG.error("{}; not retried before the next scheduled run", e.getMessage());
                handled();
                return;
            }
            retryLater(run, e.getMessage(), null);
        } catch (RuntimeException e) {
            String message = "Cannot capture " + run.trigger() + " snapshot: it failed"
                    + " unexpectedly (" + e + ")";
            status.failed(AgentStatus.Part.SCHEDULE, message);
            retryLater(run, message, e);
        }
    }

    private void retryLater(Run run, String message, RuntimeException unexpected) {
        int failures = run.failures() + 1;
        Instant failed = clock.instant();
        owed = new Owed(run.trigger(), failed.plus(retryDelay(failures)), failed, failures);
        LOG.error("{}; retrying at {} unless the next scheduled run comes first", message,
                local(owed.notBefore()), unexpected);
    }

    private void handled() {
        handledThrough = clock.instant();
        owed = null;
        save();
    }

    static Duration retryDelay(int failures) {
        Duration delay = FIRST_RETRY;
        for (int i = 1; i < failures && delay.compareTo(MAX_RETRY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    private void correctClockError(Instant now) {
        if (handledThrough.isAfter(now.plus(CLOCK_TOLERANCE))) {
            LOG.warn("The schedule was recorded as handled through {}, more than a day after the"
                    + " clock's {}: one of the two clocks is wrong; the schedule continues from"
                    + " now", local(handledThrough), local(now));
            handledThrough = now;
            owed = null;
        }
    }

    private void save() {
        try {
            stateFile.save(new ScheduleState(handledThrough, lastRun));
            status.succeeded(AgentStatus.Part.SCHEDULE);
        } catch (IOException e) {
            // Kept in memory; after a restart the worst outcome is one extra catch-up snapshot.
            String message = "Cannot record the schedule state in " + stateFile.path() + ": "
                    + e.getMessage();
            LOG.error("{}", message);
            status.failed(AgentStatus.Part.SCHEDULE, message);
        }
    }

    /** An instant as the operator reads it: in the appliance's zone. */
    String local(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atZone(schedule.zone()).toOffsetDateTime()
                .toString();
    }

    private void report() {
        status.scheduled(nextWake(), lastRun);
    }
}
