package io.configvault.vault.ingest;

import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.FleetCatalog;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Records a refused event as its appliance's last error (category tag, reason, the vault's time),
 * for the fleet view. The appliance id is the one the event names; the catalog records it only
 * for an enrolled appliance. Thread-safe when the catalog is.
 */
final class Refusals {

    private final FleetCatalog fleet;
    private final Clock clock;

    Refusals(FleetCatalog fleet, Clock clock) {
        this.fleet = fleet;
        this.clock = clock;
    }

    /** @return {@code refused}, once recorded */
    IngestOutcome.Refused record(String applianceId, IngestOutcome.Refused refused)
            throws CatalogException {
        fleet.recordRefusal(new ApplianceError(applianceId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), refused.category().tag(),
                refused.reason()));
        return refused;
    }
}
