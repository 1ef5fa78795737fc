package io.configvault.vault.fleet;

import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.config.FleetSettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads appliances' states from the catalog and pages through them. A page with a status filter
 * examines at most {@link #MAX_EXAMINED} appliances: when it reaches that before filling up, it
 * ends short with a {@code next} cursor, so one request never walks an unbounded fleet.
 * Thread-safe.
 */
@Singleton
public final class FleetView {

    /** Most appliances one filtered page examines. */
    static final int MAX_EXAMINED = 5000;

    private final Catalog catalog;
    private final FleetCatalog fleet;
    private final VerificationLog drills;
    private final Clock clock;
    private final FleetSettings settings;

    public FleetView(Catalog catalog, FleetCatalog fleet, VerificationLog drills, Clock clock,
                     FleetSettings settings) {
        this.catalog = catalog;
        this.fleet = fleet;
        this.drills = drills;
        this.clock = clock;
        this.settings = settings;
    }

    /** A page and where the next one starts (null: this was the last). */
    public record Page(List<ApplianceState> items, @Nullable String next) {
    }

    /**
     * @param afterId appliance id the page starts after, null from the first
     * @param fleets  the fleets to include, null for every fleet
     * @param status  only appliances in this status, null for all
     */
    public Page page(@Nullable String afterId, @Nullable Set<String> fleets,
                     @Nullable ApplianceStatus status, int limit) throws CatalogException {
        Instant now = clock.instant();
        List<ApplianceState> items = new ArrayList<>();
        String cursor = afterId;
        int examined = 0;
        while (true) {
            int batch = status == null ? limit : Math.min(limit, MAX_EXAMINED - examined);
            List<Appliance> appliances = fleet.appliances(cursor, fleets, batch);
            for (Appliance appliance : appliances) {
                ApplianceState state = state(appliance, now);
                if (status == null || state.status() == status) {
                    items.add(state);
                }
                cursor = appliance.id();
                examined++;
                if (items.size() == limit) {
                    return new Page(items, cursor);
                }
            }
            if (appliances.size() < batch) {
                return new Page(items, null);
            }
            if (status == null || examined >= MAX_EXAMINED) {
                return new Page(items, cursor);
            }
        }
    }

    /** The state of an enrolled appliance now. */
    public Optional<ApplianceState> state(String applianceId) throws CatalogException {
        Optional<Appliance> appliance = catalog.appliance(applianceId);
        return appliance.isEmpty() ? Optional.empty()
                : Optional.of(state(appliance.get(), clock.instant()));
    }

    ApplianceState state(Appliance appliance, Instant now) throws CatalogException {
        String id = appliance.id();
        Optional<ApplianceSeen> seen = catalog.seen(id);
        List<SnapshotRecord> newest = catalog.snapshots(id, 1);
        SnapshotRecord snapshot = newest.isEmpty() ? null : newest.getFirst();
        Verification drill = snapshot == null ? null
                : drills.latestVerification(snapshot.id()).orElse(null);
        Instant lastSeen = seen.map(ApplianceSeen::lastSeenAt).orElse(null);
        if (snapshot != null && (lastSeen == null || snapshot.capturedAt().isAfter(lastSeen))) {
            // A catalog rebuilt from the bucket has rows but no sightings.
            lastSeen = snapshot.capturedAt();
        }
        var error = fleet.lastRefusal(id).orElse(null);
        return new ApplianceState(appliance, seen.orElse(null), lastSeen, snapshot, drill, error,
                fleet.agentVersion(id).orElse(null),
                ApplianceStatus.of(lastSeen, error, drill, now, settings.staleAfter()));
    }
}
