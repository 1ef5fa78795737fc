package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code vault.retention.*}: the prune pass and the guarantees no policy can lower.
 *
 * @param enabled             whether the scheduled pass runs (default true); preview and the run
 *                            endpoint work either way
 * @param interval            time between scheduled passes (default 1 hour); the first one runs
 *                            one interval after startup
 * @param floorNewestVerified every appliance keeps its newest this many snapshots whose latest
 *                            restore drill passed, whatever its policy says (default 3; 0 off)
 * @param floorMinAge         nothing stored less than this long ago is deleted (default 1 day;
 *                            counted on the vault's clock)
 * @param burstMaxSnapshots   more snapshots than this from one appliance within
 *                            {@code burstWindow} (by the vault's clock) are a burst (default 20)
 * @param burstWindow         the burst guard's window (default 1 hour)
 * @param maxClockSkew        a pass refuses to delete when the vault's clock is behind the newest
 *                            stored snapshot, or behind the previous pass, by more than this;
 *                            an appliance whose newest snapshot is captured more than this ahead
 *                            of the vault's clock keeps everything (default 10 minutes)
 * @param lockMode            Object Lock mode for new objects when {@code vault.s3.object-lock}
 *                            is {@code required}: {@code governance} (default) or
 *                            {@code compliance}
 */
@ConfigurationProperties("vault.retention")
public record RetentionSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "PT1H") Duration interval,
        @Bindable(defaultValue = "3") int floorNewestVerified,
        @Bindable(defaultValue = "P1D") Duration floorMinAge,
        @Bindable(defaultValue = "20") int burstMaxSnapshots,
        @Bindable(defaultValue = "PT1H") Duration burstWindow,
        @Bindable(defaultValue = "PT10M") Duration maxClockSkew,
        @Bindable(defaultValue = "governance") String lockMode) {

    public RetentionSettings {
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("vault.retention.interval must be at least 1 second");
        }
        if (floorNewestVerified < 0) {
            throw invalid("vault.retention.floor-newest-verified must be 0 or more");
        }
        if (floorMinAge == null || floorMinAge.isNegative()) {
            throw invalid("vault.retention.floor-min-age must not be negative");
        }
        if (burstMaxSnapshots < 1) {
            throw invalid("vault.retention.burst-max-snapshots must be at least 1");
        }
        if (burstWindow == null || burstWindow.isNegative() || burstWindow.isZero()) {
            throw invalid("vault.retention.burst-window must be longer than zero");
        }
        if (maxClockSkew == null || maxClockSkew.isNegative()) {
            throw invalid("vault.retention.max-clock-skew must not be negative");
        }
        if (!"governance".equals(lockMode) && !"compliance".equals(lockMode)) {
            throw invalid("vault.retention.lock-mode must be governance or compliance");
        }
    }

    /** The defaults, for tools and tests. */
    public static RetentionSettings defaults() {
        return new RetentionSettings(true, Duration.ofHours(1), 3, Duration.ofDays(1), 20,
                Duration.ofHours(1), Duration.ofMinutes(10), "governance");
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("Cannot start vault: " + problem);
    }
}
