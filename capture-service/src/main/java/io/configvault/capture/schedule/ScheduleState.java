package io.configvault.capture.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the schedule remembers across restarts.
 *
 * @param handledThrough every scheduled run time at or before this instant is dealt with: its
 *                       snapshot was taken (or a later one covered it), it failed permanently,
 *                       or it lies before the agent's very first start
 * @param lastRun        when the last SCHEDULE or CATCH_UP snapshot was taken; null if none was
 */
public record ScheduleState(Instant handledThrough, Instant lastRun) {

    public ScheduleState {
        Objects.requireNonNull(handledThrough, "handledThrough");
    }

    public Optional<Instant> lastRunTime() {
        return Optional.ofNullable(lastRun);
    }
}
