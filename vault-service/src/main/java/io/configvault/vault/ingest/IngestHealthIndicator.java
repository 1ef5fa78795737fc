package io.configvault.vault.ingest;

import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Liveness detail {@code ingest} (also in {@code GET /health}): DOWN when the ingest loop stopped
 * by itself (the vault then stores nothing until restarted), with the reason. Transient failures
 * (bucket, catalog, broker) pause partitions and retry; they are readiness details ({@code s3},
 * {@code catalog}, {@code kafka}) and a metric ({@code configvault_ingest_partitions_paused}),
 * not a DOWN here.
 */
@Singleton
@Liveness
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class IngestHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final IngestFactory.RunningIngest ingest;

    IngestHealthIndicator(IngestFactory.RunningIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        Optional<String> failure = ingest.failure();
        details.put("running", failure.isEmpty());
        failure.ifPresent(reason -> details.put("error", reason));
        healthStatus = failure.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "ingest";
    }
}
