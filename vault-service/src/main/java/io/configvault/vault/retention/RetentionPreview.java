package io.configvault.vault.retention;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retention.RetentionService.PreviewPage;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pass would do now, per owned appliance, a page at a time: the same appliances, the same
 * planning and the same clock as {@link RetentionPass}, and nothing written. When the clock
 * guard would refuse a pass now, every plan carries that as its first warning. Memory: one page
 * of appliance ids, and the plans of the page. Thread-safe (it only reads).
 */
final class RetentionPreview {

    private final Catalog catalog;
    private final PruneCatalog prune;
    private final Ownership ownership;
    private final Planning planning;
    private final PassClockGuard guard;
    private final Clock clock;

    RetentionPreview(Catalog catalog, PruneCatalog prune, Ownership ownership, Planning planning,
                     PassClockGuard guard, Clock clock) {
        this.catalog = catalog;
        this.prune = prune;
        this.ownership = ownership;
        this.planning = planning;
        this.guard = guard;
        this.clock = clock;
    }

    /** See {@link RetentionService#preview}. */
    PreviewPage page(@Nullable String fleet, @Nullable String applianceId,
                     @Nullable String after, int limit) throws CatalogException {
        if (limit < 1) {
            throw new IllegalArgumentException("Cannot preview retention: the page size must be"
                    + " at least 1, not " + limit);
        }
        Instant now = clock.instant();
        String refusal = guard.refusal(now, prune.newestStoredAt(), prune.lastPassAt())
                .map(reason -> "a pass now would delete nothing: " + reason).orElse(null);
        if (applianceId != null) {
            return one(fleet, applianceId, after, now, refusal);
        }
        List<AppliancePlan> plans = new ArrayList<>();
        String cursor = after;
        while (true) {
            List<ApplianceRef> page = prune.appliancesWithSnapshots(cursor, RetentionPass.PAGE);
            for (ApplianceRef appliance : page) {
                if (!ownership.owns(appliance.applianceId())
                        || fleet != null && !fleet.equals(appliance.fleet())) {
                    continue;
                }
                if (plans.size() == limit) {
                    return new PreviewPage(now, plans, plans.getLast().applianceId());
                }
                plans.add(plan(appliance, now, refusal));
            }
            if (page.size() < RetentionPass.PAGE) {
                return new PreviewPage(now, plans, null);
            }
            cursor = page.getLast().applianceId();
        }
    }

    private PreviewPage one(@Nullable String fleet, String applianceId, @Nullable String after,
                            Instant now, @Nullable String refusal) throws CatalogException {
        List<SnapshotRecord> newest = catalog.snapshots(applianceId, 1);
        if (newest.isEmpty() || after != null && applianceId.compareTo(after) <= 0
                || !ownership.owns(applianceId)
                || fleet != null && !fleet.equals(newest.getFirst().fleet())) {
            return new PreviewPage(now, List.of(), null);
        }
        ApplianceRef appliance = new ApplianceRef(applianceId, newest.getFirst().fleet());
        return new PreviewPage(now, List.of(plan(appliance, now, refusal)), null);
    }

    private AppliancePlan plan(ApplianceRef appliance, Instant now, @Nullable String refusal)
            throws CatalogException {
        AppliancePlan plan = planning.plan(appliance, prune.candidates(appliance.applianceId()),
                now).plan();
        if (refusal == null) {
            return plan;
        }
        List<String> warnings = new ArrayList<>(plan.warnings().size() + 1);
        warnings.add(refusal);
        warnings.addAll(plan.warnings());
        return new AppliancePlan(plan.applianceId(), plan.policy(), plan.keep(), plan.delete(),
                warnings, plan.burstSnapshots());
    }
}
