package io.configvault.capture.status;

import io.configvault.shared.snapshot.SnapshotId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's health as its parts report it. An error stays until the part that reported it
 * succeeds again, so a probe sees a failing capture or an unreachable broker for as long as it
 * lasts. Messages must not contain secrets or snapshot content (they come from our own
 * exceptions). Thread-safe.
 */
@Singleton
public final class AgentStatus {

    /** The parts that report errors. */
    public enum Part {
        /** Taking a snapshot. */
        CAPTURE,
        /** Sending to the bus. */
        PUBLISH,
        /** An outbox entry that can never be published (cleared only by a restart). */
        OUTBOX,
        /** Unpublished snapshots were dropped to respect the outbox budget (cleared once the
         *  backlog has drained). */
        OUTBOX_BUDGET,
        /** Recording the schedule's state. */
        SCHEDULE
    }

    private record Failure(String message, Instant at) {
    }

    /**
     * Whether the latest snapshot this agent captured can be restored onto new hardware.
     *
     * @param reason why not (null when it can): which required sources it lacks
     */
    public record Restorability(boolean restorable, String reason) {
    }

    private final Clock clock;
    private final Map<Part, Failure> failures = new EnumMap<>(Part.class);
    private SnapshotId lastPublished;
    private Instant nextScheduledRun;
    private Instant lastScheduledRun;
    private Restorability restorability;

    public AgentStatus(Clock clock) {
        this.clock = clock;
    }

    public synchronized void failed(Part part, String message) {
        failures.put(part, new Failure(message, clock.instant()));
    }

    public synchronized void succeeded(Part part) {
        failures.remove(part);
    }

    /** A snapshot was captured; {@code notRestorableReason} is null when it is restorable. */
    public synchronized void captured(String notRestorableReason) {
        restorability = new Restorability(notRestorableReason == null, notRestorableReason);
    }

    /** Of the latest snapshot captured since the agent started; empty before the first. */
    public synchronized Optional<Restorability> restorability() {
        return Optional.ofNullable(restorability);
    }

    public synchronized void published(SnapshotId snapshotId) {
        lastPublished = snapshotId;
        failures.remove(Part.PUBLISH);
    }

    public synchronized Optional<SnapshotId> lastPublished() {
        return Optional.ofNullable(lastPublished);
    }

    /**
     * The schedule's view: when the next scheduled (or catch-up, or retried) snapshot is due, and
     * when the last scheduled or catch-up snapshot was taken (null if never).
     */
    public synchronized void scheduled(Instant nextRun, Instant lastRun) {
        nextScheduledRun = nextRun;
        lastScheduledRun = lastRun;
    }

    /** Empty when the schedule is off. */
    public synchronized Optional<Instant> nextScheduledRun() {
        return Optional.ofNullable(nextScheduledRun);
    }

    public synchronized Optional<Instant> lastScheduledRun() {
        return Optional.ofNullable(lastScheduledRun);
    }

    /** The most recent error that has not been cleared, if any. */
    public synchronized Optional<String> lastError() {
        return failures.values().stream()
                .max(Comparator.comparing(Failure::at))
                .map(Failure::message);
    }
}
