package io.configvault.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's clock in figure 7: the system clock, running at real speed, shifted by an offset
 * that {@link #jumpTo} moves. Jumping to a scheduled run time stands in for sleeping until it,
 * so thirty daily runs take seconds; everything between two jumps (the capture, the sealing,
 * timestamps, the publisher's waits) sees time pass as usual. Thread-safe.
 */
final class DayClock extends Clock {

    private final Clock system;
    private final AtomicLong offsetNanos = new AtomicLong();

    DayClock(Clock system) {
        this.system = system;
    }

    /** From now on the clock reads {@code instant}, then runs on from it. */
    void jumpTo(Instant instant) {
        offsetNanos.set(Duration.between(system.instant(), instant).toNanos());
    }

    @Override
    public Instant instant() {
        return system.instant().plusNanos(offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The bench's day clock is in UTC only");
    }
}
