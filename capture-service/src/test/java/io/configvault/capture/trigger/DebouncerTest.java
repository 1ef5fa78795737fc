package io.configvault.capture.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final Debouncer debouncer = new Debouncer(Duration.ofSeconds(2),
            Duration.ofSeconds(30));

    @Test
    void nothingIsDueWithoutAChange() {
        assertThat(debouncer.due(T0.plusSeconds(100))).isFalse();
        assertThat(debouncer.pending()).isFalse();
    }

    @Test
    void aChangeIsDueAfterTheQuietPeriod() {
        debouncer.changed(T0);

        assertThat(debouncer.due(T0.plusMillis(1999))).isFalse();
        assertThat(debouncer.due(T0.plusSeconds(2))).isTrue();
    }

    @Test
    void everyNewChangeRestartsTheQuietPeriod() {
        debouncer.changed(T0);
        debouncer.changed(T0.plusSeconds(1));

        assertThat(debouncer.due(T0.plusSeconds(2))).isFalse();
        assertThat(debouncer.due(T0.plusSeconds(3))).isTrue();
    }

    @Test
    void aNeverEndingBurstIsDueAtTheMaximumDelay() {
        for (int ms = 0; ms < 30_000; ms += 500) {
            debouncer.changed(T0.plusMillis(ms));
            assertThat(debouncer.due(T0.plusMillis(ms))).isFalse();
        }
        debouncer.changed(T0.plusSeconds(30));

        assertThat(debouncer.due(T0.plusSeconds(30))).isTrue();
    }

    @Test
    void resetStartsOver() {
        debouncer.changed(T0);
        debouncer.reset();

        assertThat(debouncer.pending()).isFalse();
        assertThat(debouncer.due(T0.plusSeconds(60))).isFalse();
    }
}
