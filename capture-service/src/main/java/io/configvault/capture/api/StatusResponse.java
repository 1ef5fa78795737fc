package io.configvault.capture.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code GET /api/v1/status}.
 *
 * @param outboxDepth             snapshots not yet published (damaged ones included)
 * @param damagedSnapshots        outbox entries that cannot be published (spool file lost)
 * @param outboxBytes             disk taken by unpublished snapshots
 * @param outboxBudgetBytes       the most they may take ({@code capture.outbox.max-bytes})
 * @param evictedSnapshots        unpublished snapshots ever dropped to respect the budget
 * @param lastPublishedSnapshotId since this agent started, or null
 * @param lastError               the most recent error not yet resolved, or null
 * @param nextScheduledRun        when the next scheduled, catch-up or retried snapshot is due
 *                                (ISO-8601 UTC), or null when the schedule is off
 * @param lastScheduledRun        when the last scheduled or catch-up snapshot was taken, or null
 * @param restorable              whether the latest snapshot captured since the agent started
 *                                holds every required source; null before the first capture
 * @param notRestorableReason     which required sources it lacks, when it is not restorable
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusResponse(String applianceId, int outboxDepth, int damagedSnapshots,
                             long outboxBytes, long outboxBudgetBytes, long evictedSnapshots,
                             @Nullable String lastPublishedSnapshotId,
                             @Nullable String lastError,
                             @Nullable String nextScheduledRun,
                             @Nullable String lastScheduledRun,
                             @Nullable Boolean restorable,
                             @Nullable String notRestorableReason) {
}
