package io.configvault.vault.health;

import io.configvault.shared.health.CheckIndicator;
import io.configvault.shared.health.CheckResult;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.CatalogHealth;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness detail {@code catalog}: the catalog answers a query and its files can be written
 * ({@link CatalogHealth#probe}). DOWN with the reason otherwise: ingest pauses and every audited
 * API call answers 503 until it can write again.
 */
@Singleton
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class CatalogHealthIndicator extends CheckIndicator {

    CatalogHealthIndicator(CatalogHealth catalog, Clock clock) {
        super("catalog", () -> probe(catalog), clock);
    }

    static CheckResult probe(CatalogHealth catalog) {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            catalog.probe();
            details.put("writable", true);
            return CheckResult.up(details);
        } catch (CatalogException e) {
            details.put("writable", false);
            details.put("error", e.getMessage());
            return CheckResult.down(details);
        }
    }
}
