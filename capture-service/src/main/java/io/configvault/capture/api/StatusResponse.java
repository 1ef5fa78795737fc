package io.configvault.capture.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Body of {@code GET /api/v1/status}.
 *
 * @param outboxDepth             snapshots not yet published (damaged ones included)
 * @param damagedSnapshots        outbox entries that cannot be published (spool file lost)
 * @param lastPublishedSnapshotId since this agent started, or null
 * @param lastError               the most recent error not yet resolved, or null
 * @param restorable              whether the latest snapshot captured since the agent started
 *                                holds every required source; null before the first capture
 * @param notRestorableReason     which required sources it lacks, when it is not restorable
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StatusResponse(String applianceId, int outboxDepth, int damagedSnapshots,
                             @Nullable String lastPublishedSnapshotId,
                             @Nullable String lastError,
                             @Nullable Boolean restorable,
                             @Nullable String notRestorableReason) {
}
