package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.config.ApiSettings;
import io.configvault.vault.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DownloadAllowanceTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final DownloadAllowance allowance = new DownloadAllowance(
            new ApiSettings(Path.of("admin-token"), 3, 6), clock);

    @Test
    void aBurstIsAllowedThenTheCallerWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(allowance.take("tok-a")).isEmpty();
        }
        assertThat(allowance.take("tok-a")).isEqualTo(OptionalLong.of(10));

        clock.advance(Duration.ofSeconds(4));
        assertThat(allowance.take("tok-a")).isEqualTo(OptionalLong.of(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(allowance.take("tok-a")).isEmpty();
        assertThat(allowance.take("tok-a")).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void eachTokenHasItsOwnAllowanceAndItNeverGrowsPastTheBurst() {
        for (int i = 0; i < 3; i++) {
            allowance.take("tok-a");
        }
        assertThat(allowance.take("tok-b")).isEmpty();

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(allowance.take("tok-a")).isEmpty();
        }
        assertThat(allowance.take("tok-a")).isPresent();
    }
}
