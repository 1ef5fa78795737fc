package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How configuration changes turn into snapshots.
 *
 * @param pollInterval {@code capture.change.poll-interval}, default 250ms: how often the sources
 *                     are checked for changes
 * @param quietPeriod  {@code capture.change.quiet-period}, default 2s: a burst of changes is
 *                     captured once nothing changed for this long...
 * @param maxDelay     {@code capture.change.max-delay}, default 30s: ...or this long after its
 *                     first change at the latest, however long the burst goes on
 */
@ConfigurationProperties("capture.change")
public record ChangeProperties(@Bindable(defaultValue = "250ms") Duration pollInterval,
                               @Bindable(defaultValue = "2s") Duration quietPeriod,
                               @Bindable(defaultValue = "30s") Duration maxDelay) {

    public ChangeProperties {
        Settings.positive(pollInterval, "the poll interval", "capture.change.poll-interval");
        Settings.positive(quietPeriod, "the quiet period", "capture.change.quiet-period");
        Settings.positive(maxDelay, "the maximum delay", "capture.change.max-delay");
        if (maxDelay.compareTo(quietPeriod) < 0) {
            throw new InvalidConfigurationException(
                    "the maximum delay must not be shorter than the quiet period",
                    "capture.change.max-delay");
        }
    }
}
