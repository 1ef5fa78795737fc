package io.configvault.vault.verify;

import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.config.VerifySettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link VerificationSampler} every {@code vault.verify.interval} on one daemon thread,
 * the first run one interval after startup (a restart loop does not turn into a verification
 * storm, and tests that start the vault see no drills unless they ask). Fixed delay: a slow run
 * delays the next one, never overlaps it. Disabled by {@code vault.verify.enabled=false}.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class SamplerSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SamplerSchedule.class);

    private final ScheduledExecutorService executor;

    SamplerSchedule(VerificationSampler sampler, VerifySettings settings) {
        if (!settings.enabled()) {
            LOG.info("Verification sampler is off (vault.verify.enabled=false)");
            executor = null;
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("vault-verify").daemon().factory());
        long interval = settings.interval().toMillis();
        executor.scheduleWithFixedDelay(() -> run(sampler), interval, interval,
                TimeUnit.MILLISECONDS);
        LOG.info("Verification sampler runs every {}: {}% of snapshots a day (each verified"
                + " at least every {} days), each appliance's newest when not verified within {},"
                + " at most {} a run", settings.interval(), settings.dailyPercent(),
                settings.rotationDays(), settings.newestMaxAge(), settings.maxPerRun());
    }

    /** An exception escaping the task would cancel every later run. */
    private static void run(VerificationSampler sampler) {
        try {
            sampler.runOnce();
        } catch (RuntimeException e) {
            LOG.error("Verification sampler run failed; the next run goes on", e);
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
