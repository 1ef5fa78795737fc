package io.configvault.vault.verify;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.VerificationLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics of restore drills: {@value #VERIFICATIONS} (Prometheus
 * {@code configvault_vault_verifications_total{outcome, trigger}}), every combination registered
 * at zero so that an alert on its increase works from the first failure; and the gauge
 * {@value #FAILING} ({@code configvault_vault_snapshots_failing_verification}): snapshots whose
 * latest verification failed, read from the catalog at startup and after every verification, so
 * a scrape never touches the catalog. Thread-safe.
 */
@Singleton
public final class VerificationMetrics {

    static final String VERIFICATIONS = "configvault.vault.verifications";
    static final String FAILING = "configvault.vault.snapshots.failing.verification";

    private static final Logger LOG = LoggerFactory.getLogger(VerificationMetrics.class);

    private final MeterRegistry registry;
    private final VerificationLog log;
    private final AtomicLong failing = new AtomicLong();

    public VerificationMetrics(MeterRegistry registry, VerificationLog log) {
        this.registry = registry;
        this.log = log;
        for (Verification.Outcome outcome : Verification.Outcome.values()) {
            for (Verification.Trigger trigger : Verification.Trigger.values()) {
                counter(outcome, trigger);
            }
        }
        Gauge.builder(FAILING, failing, AtomicLong::get)
                .description("Snapshots whose latest restore drill failed")
                .strongReference(true).register(registry);
        refresh();
    }

    void recorded(Verification verification) {
        counter(verification.outcome(), verification.trigger()).increment();
        refresh();
    }

    private void refresh() {
        try {
            failing.set(log.failingVerificationCount());
        } catch (CatalogException e) {
            // The gauge keeps its last value; the next verification tries again.
            LOG.warn("Cannot update the gauge of failing snapshots: {}", e.getMessage());
        }
    }

    private Counter counter(Verification.Outcome outcome, Verification.Trigger trigger) {
        return Counter.builder(VERIFICATIONS)
                .description("Restore drills by outcome and by who asked for them")
                .tag("outcome", outcome.wireName()).tag("trigger", trigger.wireName())
                .register(registry);
    }
}
