package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Which of an appliance's snapshots a page lists, newest capture first: captured at or after
 * {@code from}, before {@code to}, of that trigger, with exactly that label, and after
 * {@code after} in that order (the last row of the previous page). Null: no restriction. Capture
 * times compare to the millisecond.
 */
public record SnapshotFilter(@Nullable Instant from, @Nullable Instant to,
                             @Nullable Trigger trigger, @Nullable String label,
                             @Nullable Position after) {

    /** Every snapshot, from the newest. */
    public static final SnapshotFilter ALL = new SnapshotFilter(null, null, null, null, null);

    /** A place in the newest-first order: a row's capture time (ms) and id. */
    public record Position(long capturedAtMs, SnapshotId id) {

        public static Position of(SnapshotRecord row) {
            return new Position(row.capturedAt().toEpochMilli(), row.id());
        }
    }

    /** The same filter, continuing after {@code position}. */
    public SnapshotFilter after(Position position) {
        return new SnapshotFilter(from, to, trigger, label, position);
    }
}
