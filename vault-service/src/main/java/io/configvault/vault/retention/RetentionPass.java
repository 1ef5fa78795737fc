package io.configvault.vault.retention;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import io.configvault.vault.catalog.PruneCatalog.Deletion;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retention.RetentionService.PassReport;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prune pass, in this order (docs/design.md, "Retention: pruning"):
 * <ol>
 *   <li><b>clock guard</b>: a vault clock behind the newest stored snapshot or the previous pass
 *       by more than {@code max-clock-skew} refuses the whole pass — it changes nothing, not even
 *       the rows earlier passes tombstoned (they were decided under the clock now in doubt);</li>
 *   <li><b>record</b> the pass's start (forward only), for the next pass's guard;</li>
 *   <li><b>finish</b> what earlier passes left: every tombstoned row, a page at a time — its
 *       object deleted, then the row purged — whoever owns its appliance now;</li>
 *   <li>per <b>owned appliance</b> (a page of appliance ids at a time): its live snapshots and
 *       its plan. The plans' deletions are gathered in batches (appliances are added until a
 *       batch holds {@value #BATCH} or more, the rest at the end); per batch: <b>tombstone</b>
 *       (one transaction, with one audit record per row; held and locked rows are skipped
 *       there), <b>delete</b> the objects, <b>purge</b> the rows (one transaction).</li>
 * </ol>
 * A store failure ends the pass: the rows not done stay tombstoned (never live again) and are
 * listed in the report. A catalog failure ends it with {@link CatalogException}. Memory: one page
 * of appliance ids or tombstoned rows, one appliance's snapshots with its plan, and one batch of
 * deletions at a time.
 * Not thread-safe: {@link PassRunner} runs one pass at a time.
 */
final class RetentionPass {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPass.class);
    static final int PAGE = 500;
    /** Deletions tombstoned (and then purged) together, at least; one appliance's more. */
    static final int BATCH = 1_000;

    private final PruneCatalog catalog;
    private final Ownership ownership;
    private final Planning planning;
    private final PassClockGuard guard;
    private final ObjectDeletions deletions;
    private final RetentionMetrics metrics;
    private final PassFaults faults;
    private final Clock clock;

    RetentionPass(PruneCatalog catalog, ObjectDeletions deletions, Ownership ownership,
                  Planning planning, PassClockGuard guard, RetentionMetrics metrics,
                  PassFaults faults, Clock clock) {
        this.catalog = catalog;
        this.deletions = deletions;
        this.ownership = ownership;
        this.planning = planning;
        this.guard = guard;
        this.metrics = metrics;
        this.faults = faults;
        this.clock = clock;
    }

    /** Runs the pass; {@code actor} is who the audit log names for its deletions. */
    PassReport run(String actor) throws CatalogException {
        Instant now = clock.instant();
        PassProgress progress = new PassProgress(now);
        Optional<String> refusal = guard.refusal(now, catalog.newestStoredAt(),
                catalog.lastPassAt());
        if (refusal.isPresent()) {
            LOG.warn("Retention pass refused to delete: {}", refusal.get());
            return progress.report(clock.instant(), refusal.get());
        }
        catalog.recordPass(now);
        if (finishEarlierPasses(progress)) {
            pruneOwnedAppliances(actor, now, progress);
        }
        PassReport report = progress.report(clock.instant(), null);
        LOG.info("Retention pass by {} over {}: {} appliances planned, {} snapshots tombstoned,"
                + " {} deleted, {} left for the next pass", actor, ownership.description(),
                report.appliances(), report.tombstoned(), report.deleted(),
                report.failed().size());
        return report;
    }

    /** @return false when the store failed */
    private boolean finishEarlierPasses(PassProgress progress) throws CatalogException {
        while (true) {
            List<SnapshotRecord> page = catalog.tombstoned(PAGE);
            if (page.isEmpty()) {
                return true;
            }
            LOG.info("Retention pass finishes {} deletions an earlier pass left", page.size());
            ObjectDeletions.Outcome outcome = deletions.finish(page);
            if (!record(outcome, progress) || outcome.purged() == 0) {
                return !outcome.stopped();
            }
        }
    }

    private void pruneOwnedAppliances(String actor, Instant now, PassProgress progress)
            throws CatalogException {
        if (!ownership.ownsAny()) {
            progress.warn("this vault instance consumes no partition of the snapshot topic yet"
                    + " (" + ownership.description() + "): no appliance was planned");
            return;
        }
        List<Deletion> batch = new ArrayList<>();
        String after = null;
        while (true) {
            List<ApplianceRef> page = catalog.appliancesWithSnapshots(after, PAGE);
            for (ApplianceRef appliance : page) {
                if (ownership.owns(appliance.applianceId())) {
                    batch.addAll(plan(appliance, actor, now, progress));
                }
                if (batch.size() >= BATCH && !delete(batch, now, progress)) {
                    return;
                }
            }
            if (page.size() < PAGE) {
                delete(batch, now, progress);
                return;
            }
            after = page.getLast().applianceId();
        }
    }

    /** The appliance's plan, counted and its burst reported; what it deletes. */
    private List<Deletion> plan(ApplianceRef appliance, String actor, Instant now,
                                PassProgress progress) throws CatalogException {
        List<Candidate> candidates = catalog.candidates(appliance.applianceId());
        if (candidates.isEmpty()) {
            return List.of();
        }
        Planning.Planned planned = planning.plan(appliance, candidates, now);
        AppliancePlan plan = planned.plan();
        progress.planned(plan);
        if (plan.burstSnapshots() > 0) {
            metrics.burst();
            LOG.warn("Appliance {} sent a burst: {} of its snapshots came faster than"
                    + " vault.retention.burst-max-snapshots per burst-window; {}",
                    appliance.applianceId(), plan.burstSnapshots(), plan.warnings());
        }
        return plan.delete().stream().map(d -> new Deletion(d.snapshot().id(), actor,
                detail(appliance, d.snapshot(), planned.policy()))).toList();
    }

    /**
     * Tombstones the batch (one transaction), deletes the objects, purges the rows (one
     * transaction), and empties the batch. A transaction per batch rather than per appliance:
     * the commits' fsyncs are most of a pass's time.
     *
     * @return false when the store failed
     */
    private boolean delete(List<Deletion> batch, Instant now, PassProgress progress)
            throws CatalogException {
        if (batch.isEmpty()) {
            return true;
        }
        List<SnapshotRecord> rows = catalog.tombstone(List.copyOf(batch), now);
        batch.clear();
        progress.tombstoned(rows.size());
        if (rows.isEmpty()) {
            return true;
        }
        faults.reach(PassFaults.Point.AFTER_TOMBSTONE);
        ObjectDeletions.Outcome outcome = deletions.finish(rows);
        LOG.info("Retention deleted {} snapshots of {} appliances", outcome.purged(),
                rows.stream().map(SnapshotRecord::applianceId).distinct().count());
        return record(outcome, progress);
    }

    /** @return false when the store failed */
    private boolean record(ObjectDeletions.Outcome outcome, PassProgress progress) {
        metrics.deleted(outcome.purged());
        progress.deleted(outcome.purged());
        outcome.failed().forEach(progress::failed);
        if (outcome.stopped()) {
            LOG.warn("Retention pass stops: the store failed; {} deletions stay tombstoned for"
                    + " the next pass: {}", outcome.failed().size(), outcome.failed().getFirst());
        }
        return !outcome.stopped();
    }

    /** The audit log's reason for a deletion: what, and the policy that keeps it by no rule. */
    static String detail(ApplianceRef appliance, Candidate snapshot,
                         @Nullable StoredPolicy policy) {
        String what = "appliance " + appliance.applianceId() + " (fleet " + appliance.fleet()
                + "), captured " + snapshot.capturedAt() + " (" + snapshot.trigger() + ")";
        if (policy == null) {
            return what + ": deleted without a policy";
        }
        return what + ": policy " + policy.scope().key() + " keeps it by no rule, nor does any"
                + " floor, hold or lock; policy " + PolicyCodec.toJson(policy.policy());
    }
}
