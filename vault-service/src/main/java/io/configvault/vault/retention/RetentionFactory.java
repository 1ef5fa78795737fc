package io.configvault.vault.retention;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.store.BlobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the prune pass and the preview: the catalog, the store, this instance's
 * {@link Ownership} (from the ingest's partitions) and the policy planning. Not in the
 * rebuild-catalog command, which has no ingest and must not delete.
 */
@Factory
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class RetentionFactory {

    @Singleton
    RetentionMetrics metrics(MeterRegistry registry) {
        return new RetentionMetrics(registry);
    }

    @Singleton
    PassRunner retention(Catalog catalog, PruneCatalog prune, PolicyCatalog policies,
                         BlobStore store, Ownership ownership, RetentionSettings settings,
                         RetentionMetrics metrics, Clock clock) {
        Planning planning = new PolicyPlanning(policies, new RetentionPlanner(settings)::plan);
        PassClockGuard guard = new PassClockGuard(settings.maxClockSkew());
        RetentionPass pass = new RetentionPass(prune,
                new ObjectDeletions(prune, store, PassFaults.NONE), ownership, planning, guard,
                metrics, PassFaults.NONE, clock);
        return new PassRunner(pass,
                new RetentionPreview(catalog, prune, ownership, planning, guard, clock), metrics);
    }
}
