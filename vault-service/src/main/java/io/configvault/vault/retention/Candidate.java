package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What the planner knows of one live (not tombstoned) snapshot of an appliance.
 *
 * @param capturedAt  when the appliance captured it (the appliance's clock): calendar periods
 *                    and keep-within are counted on this
 * @param storedAt    when the vault stored it (the vault's clock): the burst guard, the minimum
 *                    age floor and the clock guard are counted on this
 * @param timeZone    the appliance's zone from the manifest (an IANA id; an unknown one counts
 *                    as UTC)
 * @param held        an operator hold is on it
 * @param verified    its latest restore drill passed
 * @param retainUntil Object Lock retain-until, or null when the object is not locked
 */
public record Candidate(SnapshotId id, long sequence, Trigger trigger, Instant capturedAt,
                        Instant storedAt, String timeZone, boolean held, boolean verified,
                        @Nullable Instant retainUntil) {
}
