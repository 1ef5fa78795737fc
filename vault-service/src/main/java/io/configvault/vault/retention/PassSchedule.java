package io.configvault.vault.retention;

import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a retention pass every {@code vault.retention.interval} on one daemon thread, the first
 * one interval after startup (a restart loop does not turn into a pruning storm, and the ingest
 * has its partitions by then). Fixed delay: a slow pass delays the next one, never overlaps it.
 * Disabled by {@code vault.retention.enabled=false}; preview and the run endpoint work either way.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class PassSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PassSchedule.class);

    private final ScheduledExecutorService executor;

    PassSchedule(PassRunner runner, RetentionSettings settings) {
        if (!settings.enabled()) {
            LOG.info("Scheduled retention passes are off (vault.retention.enabled=false)");
            executor = null;
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vault-retention").daemon().factory());
        long interval = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> run(runner), interval, interval,
                TimeUnit.MILLISECONDS);
        LOG.info("Retention passes run every {}; floors: newest {} verified, nothing younger"
                + " than {}; burst: more than {} in {}; max clock skew {}", settings.interval(),
                settings.floorNewestVerified(), settings.floorMinAge(),
                settings.burstMaxSnapshots(), settings.burstWindow(), settings.maxClockSkew());
    }

    /** An exception escaping the task would cancel every later pass. */
    private static void run(PassRunner runner) {
        try {
            runner.runScheduled();
        } catch (RetentionException e) {
            // PassRunner logged it; the next pass goes on.
        } catch (RuntimeException e) {
            LOG.error("Retention pass failed; the next pass goes on", e);
        }
    }

    @Override
    @PreDestroy
    public void close() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(15, TimeUnit.SECONDS);
        }
    }
}
