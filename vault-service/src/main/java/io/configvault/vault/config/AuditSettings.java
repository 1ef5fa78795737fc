package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code vault.audit.*}: the audit log's export to the bucket.
 *
 * @param exportInterval time between exports of the records not yet exported (default 1 hour);
 *                       the first comes one interval after startup. It bounds how many of the
 *                       newest records a deleted tail can take without the verifier noticing.
 */
@ConfigurationProperties("vault.audit")
public record AuditSettings(@Bindable(defaultValue = "PT1H") Duration exportInterval) {

    public AuditSettings {
        if (exportInterval == null || exportInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.audit.export-interval must be at least 1 second");
        }
    }
}
