package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DayClockTest {

    @Test
    void readsTheInstantItJumpedToAndRunsOnFromThere() {
        Instant now = Instant.parse("2026-01-10T12:00:00Z");
        DayClock clock = new DayClock(Clock.fixed(now, ZoneOffset.UTC));
        assertThat(clock.instant()).isEqualTo(now);

        clock.jumpTo(Instant.parse("2025-12-01T03:45:00Z"));

        assertThat(clock.instant()).isEqualTo("2025-12-01T03:45:00Z");
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
