package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code vault.verify.*}: the scheduled restore-drill sampler.
 *
 * @param enabled        whether the sampler runs (default true); the verify endpoint works either
 *                       way
 * @param interval       time between runs (default 1 hour); the first run comes one interval
 *                       after startup
 * @param dailyPercent   share of all snapshots verified per day, least recently verified first
 *                       (default 10: every snapshot at least every 10 days); 0 turns the rotation
 *                       off, above 100 verifies each snapshot more than once a day
 * @param newestMaxAge   each appliance's newest snapshot is verified when its latest
 *                       verification is older than this (default 1 day); 0 turns it off
 * @param maxPerRun      most snapshots one run verifies (default 100); a cap below what the rate
 *                       asks for lengthens the detection window and is logged
 */
@ConfigurationProperties("vault.verify")
public record VerifySettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "PT1H") Duration interval,
        @Bindable(defaultValue = "10") double dailyPercent,
        @Bindable(defaultValue = "P1D") Duration newestMaxAge,
        @Bindable(defaultValue = "100") int maxPerRun) {

    public VerifySettings {
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.verify.interval must be at least 1 second");
        }
        if (!(dailyPercent >= 0) || Double.isInfinite(dailyPercent)) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.verify.daily-percent must be a number, 0 or more");
        }
        if (newestMaxAge == null || newestMaxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.verify.newest-max-age must not be negative");
        }
        if (maxPerRun < 1) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.verify.max-per-run must be at least 1");
        }
    }

    /** How many days a full rotation takes at {@link #dailyPercent}, or infinity when off. */
    public double rotationDays() {
        return dailyPercent == 0 ? Double.POSITIVE_INFINITY : 100 / dailyPercent;
    }
}
