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
 *   <li>per <b>owned appliance</b> (a page of appliance ids at a time): its live snapshots, its
 *       plan, then <b>tombstone</b> what the plan deletes (with one audit record each, in the
 *       same transaction; held and locked rows are skipped there), <b>delete</b> their objects,
 *       <b>purge</b> their rows.</li>
 * </ol>
 * A store failure ends the pass: the rows not done stay tombstoned (never live again) and are
 * listed in the report. A catalog failure ends it with {@link CatalogException}. Memory: one page
 * of appliance ids or tombstoned rows, and one appliance's snapshots with its plan, at a time.
 * Not thread-safe: {@link PassRunner} runs one pass at a time.
 */
final class RetentionPass {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionPass.class);
    static final int PAGE = 500;

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
        String after = null;
        while (true) {
            List<ApplianceRef> page = catalog.appliancesWithSnapshots(after, PAGE);
            for (ApplianceRef appliance : page) {
                if (ownership.owns(appliance.applianceId())
                        && !prune(appliance, actor, now, progress)) {
                    return;
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().applianceId();
        }
    }

    /** @return false when the store failed */
    private boolean prune(ApplianceRef appliance, String actor, Instant now,
                          PassProgress progress) throws CatalogException {
        List<Candidate> candidates = catalog.candidates(appliance.applianceId());
        if (candidates.isEmpty()) {
            return true;
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
        if (plan.delete().isEmpty()) {
            return true;
        }
        List<Deletion> doomed = plan.delete().stream().map(d -> new Deletion(d.snapshot().id(),
                actor, detail(appliance, d.snapshot(), planned.policy()))).toList();
        List<SnapshotRecord> rows = catalog.tombstone(doomed, now);
        progress.tombstoned(rows.size());
        if (rows.isEmpty()) {
            return true;
        }
        faults.reach(PassFaults.Point.AFTER_TOMBSTONE);
        ObjectDeletions.Outcome outcome = deletions.finish(rows);
        LOG.info("Retention deleted {} snapshots of appliance {} (policy {})",
                outcome.purged(), appliance.applianceId(), plan.policy());
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
