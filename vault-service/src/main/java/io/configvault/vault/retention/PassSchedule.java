package io.configvault.vault.retention;

import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.periodic.PeriodicTask;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a retention pass every {@code vault.retention.interval} ({@link PeriodicTask}: the first
 * one interval after startup, so the ingest has its partitions by then; a slow pass delays the
 * next one, never overlaps it; a failed pass does not stop the next).
 * Disabled by {@code vault.retention.enabled=false}; preview and the run endpoint work either way.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class PassSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PassSchedule.class);

    private final PeriodicTask task;

    PassSchedule(PassRunner runner, RetentionSettings settings) {
        if (!settings.enabled()) {
            LOG.info("Scheduled retention passes are off (vault.retention.enabled=false)");
            task = null;
            return;
        }
        task = PeriodicTask.start("vault-retention", settings.interval(), () -> run(runner));
        LOG.info("Retention passes run every {}; floors: newest {} verified, nothing younger"
                + " than {}; burst: more than {} in {}; max clock skew {}", settings.interval(),
                settings.floorNewestVerified(), settings.floorMinAge(),
                settings.burstMaxSnapshots(), settings.burstWindow(), settings.maxClockSkew());
    }

    private static void run(PassRunner runner) {
        try {
            runner.runScheduled();
        } catch (RetentionException e) {
            // PassRunner logged it; the next pass goes on.
        }
    }

    @Override
    @PreDestroy
    public void close() throws InterruptedException {
        if (task != null) {
            task.close();
        }
    }
}
