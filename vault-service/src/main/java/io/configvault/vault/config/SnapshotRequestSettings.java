package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code vault.snapshot-requests.*}: remote snapshot requests.
 *
 * @param ttl how long an agent may act on a request after the vault issued it (default 1 hour,
 *            at least 1 minute, at most 7 days); after that the agent refuses it and the API
 *            shows it {@code expired} unless its snapshot arrived
 */
@ConfigurationProperties("vault.snapshot-requests")
public record SnapshotRequestSettings(@Bindable(defaultValue = "PT1H") Duration ttl) {

    public SnapshotRequestSettings {
        if (ttl == null || ttl.compareTo(Duration.ofMinutes(1)) < 0
                || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("Cannot start vault: vault.snapshot-requests.ttl"
                    + " must lie between 1 minute and 7 days");
        }
    }
}
