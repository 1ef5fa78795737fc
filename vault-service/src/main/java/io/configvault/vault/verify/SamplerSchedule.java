package io.configvault.vault.verify;

import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.config.VerifySettings;
import io.configvault.vault.periodic.PeriodicTask;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link VerificationSampler} every {@code vault.verify.interval} ({@link PeriodicTask}: the
 * first run one interval after startup, so tests that start the vault see no drills unless they
 * ask; a slow run delays the next one, never overlaps it). Disabled by
 * {@code vault.verify.enabled=false}.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class SamplerSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SamplerSchedule.class);

    private final PeriodicTask task;

    SamplerSchedule(VerificationSampler sampler, VerifySettings settings) {
        if (!settings.enabled()) {
            LOG.info("Verification sampler is off (vault.verify.enabled=false)");
            task = null;
            return;
        }
        task = PeriodicTask.start("vault-verify", settings.interval(), sampler::runOnce);
        LOG.info("Verification sampler runs every {}: {}% of snapshots a day (each verified"
                + " at least every {} days), each appliance's newest when not verified within {},"
                + " at most {} a run", settings.interval(), settings.dailyPercent(),
                settings.rotationDays(), settings.newestMaxAge(), settings.maxPerRun());
    }

    @Override
    @PreDestroy
    public void close() throws InterruptedException {
        if (task != null) {
            task.close();
        }
    }
}
