package io.configvault.vault.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifySettingsTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void invalidSettingsNameTheKeyToFix() {
        assertThatThrownBy(() -> new VerifySettings(true, Duration.ofMillis(10), 10, DAY, 100))
                .hasMessage("Cannot start vault: vault.verify.interval must be at least 1 second");
        assertThatThrownBy(() -> new VerifySettings(true, HOUR, -0.5, DAY, 100))
                .hasMessage("Cannot start vault: vault.verify.daily-percent must be a number,"
                        + " 0 or more");
        assertThatThrownBy(() -> new VerifySettings(true, HOUR, Double.NaN, DAY, 100))
                .hasMessageContaining("vault.verify.daily-percent");
        assertThatThrownBy(() -> new VerifySettings(true, HOUR, Double.POSITIVE_INFINITY, DAY,
                100)).hasMessageContaining("vault.verify.daily-percent");
        assertThatThrownBy(() -> new VerifySettings(true, HOUR, 10, DAY.negated(), 100))
                .hasMessage("Cannot start vault: vault.verify.newest-max-age must not be"
                        + " negative");
        assertThatThrownBy(() -> new VerifySettings(true, HOUR, 10, DAY, 0))
                .hasMessage("Cannot start vault: vault.verify.max-per-run must be at least 1");
    }

    @Test
    void aRotationTakesOneHundredOverThePercentDays() {
        assertThat(new VerifySettings(true, HOUR, 10, DAY, 100).rotationDays()).isEqualTo(10);
        assertThat(new VerifySettings(true, HOUR, 200, DAY, 100).rotationDays()).isEqualTo(0.5);
        assertThat(new VerifySettings(true, HOUR, 0, DAY, 100).rotationDays()).isInfinite();
    }
}
