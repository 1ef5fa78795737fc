package io.configvault.vault.retention;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Retention as the operator API sees it: a preview of what a pass would do, and a pass run now.
 * Both cover only the appliances of the partitions this vault instance owns (two instances never
 * prune the same appliance).
 */
public interface RetentionService {

    /**
     * What a pass would keep and delete, per appliance, by appliance id.
     *
     * @param fleet       only this fleet's appliances, or all when null
     * @param applianceId only this appliance, or all when null
     * @param after       the page starts after this appliance id (exclusive), or at the start
     * @param limit       at most this many appliances
     */
    PreviewPage preview(@Nullable String fleet, @Nullable String applianceId,
                        @Nullable String after, int limit) throws RetentionException;

    /** Runs a pass now (waiting for a running one to finish first) and reports it. */
    PassReport run(String actor) throws RetentionException;

    /**
     * One page of a preview.
     *
     * @param next the appliance id to ask for the next page after, or null on the last page
     */
    record PreviewPage(Instant at, List<AppliancePlan> plans, @Nullable String next) {
        public PreviewPage {
            plans = List.copyOf(plans);
        }
    }

    /**
     * What a pass did.
     *
     * @param refusal     why the pass deleted nothing (the clock guard), or null
     * @param appliances  appliances planned
     * @param tombstoned  snapshots tombstoned by this pass
     * @param deleted     objects deleted and rows purged (including ones an earlier, interrupted
     *                    pass had tombstoned)
     * @param failed      deletions left for the next pass (the store failed), with the reason
     * @param warnings    the plans' warnings (bursts, clocks)
     */
    record PassReport(Instant startedAt, Instant finishedAt, @Nullable String refusal,
                      int appliances, int tombstoned, int deleted, List<String> failed,
                      List<String> warnings) {
        public PassReport {
            failed = List.copyOf(failed);
            warnings = List.copyOf(warnings);
        }
    }
}
