package io.configvault.vault.health;

import io.configvault.vault.catalog.CatalogHealth;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Liveness detail {@code catalogFile}: the catalog file is still the one the vault opened
 * ({@link CatalogHealth#present}, a file-attribute read). A deleted or replaced catalog file is
 * DOWN: what the vault writes from then on is lost, and only a restart (with a rebuild from the
 * bucket, for a deleted one) repairs it.
 */
@Singleton
@Liveness
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class CatalogFileIndicator implements HealthIndicator {

    private final CatalogHealth catalog;

    CatalogFileIndicator(CatalogHealth catalog) {
        this.catalog = catalog;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    HealthResult result() {
        boolean present = catalog.present();
        return HealthResult.builder("catalogFile", present ? HealthStatus.UP : HealthStatus.DOWN)
                .details(present ? Map.of("present", true) : Map.of("present", false, "error",
                        "the catalog file was deleted or replaced while the vault runs; restart"
                                + " the vault (rebuild the catalog from the bucket if it is gone)"))
                .build();
    }
}
