package io.configvault.capture;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * For integration tests that need the agent to live at another time of day or on another date:
 * with {@code test.clock.shift-millis} set, the agent's clock is the system clock shifted by that
 * many milliseconds. It still runs at real speed, so timers and sleeps behave as in production.
 * Without the property this factory does nothing.
 */
@Factory
@Requires(property = ShiftedClockFactory.SHIFT)
public class ShiftedClockFactory {

    public static final String SHIFT = "test.clock.shift-millis";

    @Singleton
    @Replaces(value = Clock.class, factory = ClockFactory.class)
    Clock shiftedClock(@Property(name = SHIFT) long shiftMillis) {
        return Clock.offset(Clock.systemUTC(), Duration.ofMillis(shiftMillis));
    }
}
