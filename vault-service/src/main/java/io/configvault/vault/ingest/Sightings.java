package io.configvault.vault.ingest;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.FleetCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Records an appliance's sign of life from a verified event, with the agent version it names.
 * The time is the one the appliance signed (so a replayed old event cannot refresh it), capped at
 * the vault's clock (so an appliance clock running ahead cannot push it into the future); the
 * catalog keeps only the newest. Thread-safe when the catalog is.
 */
final class Sightings {

    private final Catalog catalog;
    private final FleetCatalog fleet;
    private final Clock clock;

    Sightings(Catalog catalog, FleetCatalog fleet, Clock clock) {
        this.catalog = catalog;
        this.fleet = fleet;
        this.clock = clock;
    }

    /** @return what was recorded (or would have been, had a newer sighting not been there) */
    ApplianceSeen record(String applianceId, Instant signedAt, SnapshotId lastSnapshotId,
                         String contentDigest, String agentVersion) throws CatalogException {
        Instant now = clock.instant();
        Instant seenAt = (signedAt.isAfter(now) ? now : signedAt).truncatedTo(ChronoUnit.MILLIS);
        ApplianceSeen seen = new ApplianceSeen(applianceId, seenAt, lastSnapshotId,
                contentDigest);
        fleet.recordAgent(applianceId, seenAt, agentVersion);
        catalog.recordSeen(seen);
        return seen;
    }
}
