package io.configvault.capture.trigger;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns a burst of changes into one snapshot: it is due once no change was seen for the quiet
 * period, or once the maximum delay has passed since the burst's first change, whichever comes
 * first. Time is passed in, so tests drive it with any clock. Not thread-safe.
 */
final class Debouncer {

    private final Duration quietPeriod;
    private final Duration maxDelay;
    private Instant firstChange;
    private Instant lastChange;

    Debouncer(Duration quietPeriod, Duration maxDelay) {
        this.quietPeriod = quietPeriod;
        this.maxDelay = maxDelay;
    }

    void changed(Instant now) {
        if (firstChange == null) {
            firstChange = now;
        }
        lastChange = now;
    }

    boolean pending() {
        return firstChange != null;
    }

    /** True when a pending burst should be captured now. */
    boolean due(Instant now) {
        return firstChange != null
                && (!now.isBefore(lastChange.plus(quietPeriod))
                || !now.isBefore(firstChange.plus(maxDelay)));
    }

    /** Starts over, once the burst has been handed to a capture. */
    void reset() {
        firstChange = null;
        lastChange = null;
    }
}
