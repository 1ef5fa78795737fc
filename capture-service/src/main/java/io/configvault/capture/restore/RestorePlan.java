package io.configvault.capture.restore;

import java.util.List;

/**
 * What a restore of one snapshot changes, entry by entry, computed before anything is written
 * (and all a dry run does).
 */
record RestorePlan(VerifiedSnapshot snapshot, List<PlannedEntry> entries) {

    RestorePlan {
        entries = List.copyOf(entries);
    }

    /** The entries written to their sources' paths, in manifest order. */
    List<PlannedEntry> writes() {
        return entries.stream().filter(PlannedEntry::writes).toList();
    }

    /** The entries saved for the operator instead of restored. */
    List<PlannedEntry> saves() {
        return entries.stream().filter(e -> e.action() == PlannedEntry.Action.SAVE).toList();
    }

    /** The printed plan: one line per entry. */
    List<String> describe(boolean dryRun) {
        return entries.stream().map(e -> e.describe(dryRun)).toList();
    }
}
