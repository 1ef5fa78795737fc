package io.configvault.vault.retention;

/**
 * Named points in a pass's deletion order where a fault test stops the pass as a crash would
 * (docs/design.md, "Retention: pruning"): {@link Point#AFTER_TOMBSTONE} (rows tombstoned and
 * audited, no object deleted yet) and {@link Point#AFTER_DELETE} (objects deleted, rows not yet
 * purged). Production passes use {@link #NONE}.
 */
@FunctionalInterface
public interface PassFaults {

    /** Where in the order. */
    enum Point {
        AFTER_TOMBSTONE, AFTER_DELETE
    }

    /** No faults. */
    PassFaults NONE = point -> {
    };

    /** Called by the pass at {@code point}; a test's hook throws there. */
    void reach(Point point);
}
