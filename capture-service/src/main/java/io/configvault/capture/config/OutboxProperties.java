package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The outbox's disk budget.
 *
 * @param maxBytes {@code capture.outbox.max-bytes}, default 2147483648 (2 GiB): the most the
 *                 spool of unpublished snapshots may take. When a new snapshot does not fit,
 *                 damaged entries and then the middle of the backlog are dropped (loudly); the
 *                 oldest undelivered and the newest snapshot are kept (see docs/design.md)
 */
@ConfigurationProperties("capture.outbox")
public record OutboxProperties(@Bindable(defaultValue = "2147483648") long maxBytes) {

    public OutboxProperties {
        if (maxBytes < 1 << 20) {
            throw new InvalidConfigurationException("the outbox budget must be at least 1 MiB",
                    "capture.outbox.max-bytes");
        }
    }
}
