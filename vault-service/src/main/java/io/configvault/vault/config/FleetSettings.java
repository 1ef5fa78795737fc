package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code vault.api.*} of the fleet view.
 *
 * @param staleAfter     an appliance with no snapshot or heartbeat within this window (by the
 *                       vault's clock) is {@code stale}, and a refused event within it makes it
 *                       {@code failing} (default 26 hours: a daily schedule with slack)
 * @param statusInterval how often the gauge {@code configvault_appliances{status}} is recomputed
 *                       (default 1 minute)
 */
@ConfigurationProperties("vault.api")
public record FleetSettings(
        @Bindable(defaultValue = "PT26H") Duration staleAfter,
        @Bindable(defaultValue = "PT1M") Duration statusInterval) {

    public FleetSettings {
        if (staleAfter == null || staleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.stale-after must be at least 1 second");
        }
        if (statusInterval == null || statusInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.status-interval must be at least 1 second");
        }
    }
}
