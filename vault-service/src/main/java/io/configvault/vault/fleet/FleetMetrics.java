package io.configvault.vault.fleet;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.config.FleetSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.periodic.PeriodicTask;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@value #APPLIANCES} (Prometheus {@code configvault_appliances{status}}): enrolled
 * appliances per status, every status registered (at zero). Recomputed at startup and every
 * {@code vault.api.status-interval} on its own thread, walking the appliances in pages of
 * {@value #PAGE}, so a scrape never touches the catalog and the work is one pass over the fleet
 * per interval, whatever the scrape rate. A failed pass keeps the previous values.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class FleetMetrics implements AutoCloseable {

    static final String APPLIANCES = "configvault.appliances";
    static final int PAGE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(FleetMetrics.class);

    private final FleetView view;
    private final Map<ApplianceStatus, AtomicLong> counts = new EnumMap<>(ApplianceStatus.class);
    private final PeriodicTask task;

    public FleetMetrics(FleetView view, MeterRegistry registry, FleetSettings settings) {
        this.view = view;
        for (ApplianceStatus status : ApplianceStatus.values()) {
            AtomicLong count = new AtomicLong();
            counts.put(status, count);
            Gauge.builder(APPLIANCES, count, AtomicLong::get)
                    .description("Enrolled appliances by status (never, failing, stale, healthy)")
                    .tag("status", status.wireName()).strongReference(true).register(registry);
        }
        refresh();
        task = PeriodicTask.start("vault-fleet-status", settings.statusInterval(), this::refresh);
    }

    /** One pass over the fleet; public for tests that do not wait for the schedule. */
    public void refresh() {
        Map<ApplianceStatus, Long> tally = new EnumMap<>(ApplianceStatus.class);
        try {
            String after = null;
            do {
                FleetView.Page page = view.page(after, null, null, PAGE);
                for (ApplianceState state : page.items()) {
                    tally.merge(state.status(), 1L, Long::sum);
                }
                after = page.next();
            } while (after != null);
        } catch (CatalogException e) {
            LOG.warn("Cannot update the gauge of appliances by status: {}", e.getMessage());
            return;
        }
        counts.forEach((status, count) -> count.set(tally.getOrDefault(status, 0L)));
    }

    @Override
    @PreDestroy
    public void close() throws InterruptedException {
        task.close();
    }
}
