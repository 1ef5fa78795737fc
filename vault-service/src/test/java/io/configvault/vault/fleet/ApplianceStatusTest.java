package io.configvault.vault.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApplianceStatusTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration WINDOW = Duration.ofHours(26);
    static final Instant RECENT = NOW.minus(Duration.ofHours(1));
    static final Instant OLD = NOW.minus(Duration.ofHours(27));
    static final SnapshotId ID = SnapshotId.mint(Clock.fixed(OLD, ZoneOffset.UTC));
    static final Verification PASSED = drill(Verification.Outcome.OK);
    static final Verification FAILED = drill(Verification.Outcome.FAILED);

    static Verification drill(Verification.Outcome outcome) {
        return new Verification(ID, RECENT, outcome, Verification.Trigger.SAMPLER, "evidence");
    }

    static ApplianceError error(Instant at) {
        return new ApplianceError("nas-1", at, "signature", "bad signature");
    }

    static ApplianceStatus status(Instant seen, ApplianceError error, Verification drill) {
        return ApplianceStatus.of(seen, error, drill, NOW, WINDOW);
    }

    @Test
    void neverWhenNothingWasReceivedWhateverElse() {
        assertThat(status(null, null, null)).isEqualTo(ApplianceStatus.NEVER);
        assertThat(status(null, error(RECENT), null)).as("never > failing")
                .isEqualTo(ApplianceStatus.NEVER);
    }

    @Test
    void failingOnARecentRefusalOrAFailedDrillOfTheNewestSnapshot() {
        assertThat(status(RECENT, error(RECENT), null)).isEqualTo(ApplianceStatus.FAILING);
        assertThat(status(RECENT, null, FAILED)).isEqualTo(ApplianceStatus.FAILING);
        assertThat(status(OLD, error(RECENT), null)).as("failing > stale")
                .isEqualTo(ApplianceStatus.FAILING);
        assertThat(status(OLD, null, FAILED)).isEqualTo(ApplianceStatus.FAILING);
        assertThat(status(RECENT, error(NOW.minus(WINDOW)), null)).as("window start included")
                .isEqualTo(ApplianceStatus.FAILING);
    }

    @Test
    void staleWhenTheLastSignOfLifeIsOlderThanTheWindow() {
        assertThat(status(OLD, null, null)).isEqualTo(ApplianceStatus.STALE);
        assertThat(status(OLD, error(OLD), PASSED)).as("an old refusal no longer counts")
                .isEqualTo(ApplianceStatus.STALE);
        assertThat(status(NOW.minus(WINDOW), null, null)).as("exactly at the window: alive")
                .isEqualTo(ApplianceStatus.HEALTHY);
    }

    @Test
    void healthyOtherwise() {
        assertThat(status(RECENT, null, null)).isEqualTo(ApplianceStatus.HEALTHY);
        assertThat(status(RECENT, error(OLD), PASSED)).isEqualTo(ApplianceStatus.HEALTHY);
    }

    @Test
    void wireNamesRoundTrip() {
        for (ApplianceStatus status : ApplianceStatus.values()) {
            assertThat(ApplianceStatus.fromWire(status.wireName())).contains(status);
        }
        assertThat(ApplianceStatus.fromWire("HEALTHY")).isEmpty();
        assertThat(ApplianceStatus.fromWire("broken")).isEmpty();
    }
}
