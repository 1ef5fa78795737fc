package io.configvault.capture.restore;

import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Path;

/**
 * What a restore does with one entry of the snapshot, or with one configured source that the
 * snapshot does not have.
 *
 * @param name    the entry (or source) name
 * @param kind    the entry's kind (the source's, for {@link Action#NOT_IN_SNAPSHOT})
 * @param target  where it goes: the source's path; the save directory for {@link Action#SAVE};
 *                null for {@link Action#SKIP}
 * @param content the verified, unpacked entry; null for {@link Action#NOT_IN_SNAPSHOT}
 * @param mode    the entry's mode from the manifest, used when the target does not exist yet
 * @param tables  for a changed SQLite entry, what changes in its tables; else null
 * @param detail  why, for the operator; may be empty
 */
record PlannedEntry(String name, Action action, SourceKind kind, Path target, Path content,
                    int mode, SqliteContent.Changes tables, String detail) {

    /** What happens to an entry. */
    enum Action {
        /** The target does not exist; the entry is written there. */
        ADD("added"),
        /** The target's SHA-256 differs; the entry replaces it. */
        CHANGE("changed"),
        /** The target already holds exactly the entry; nothing is written. */
        UNCHANGED("unchanged"),
        /** A configured source the snapshot has no entry for; the file is left as it is. */
        NOT_IN_SNAPSHOT("kept"),
        /** No configured source takes this entry (or one of another kind); it is skipped. */
        SKIP("skipped"),
        /** Command output or a directory: not restored automatically, saved for the operator. */
        SAVE("saved");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Whether the restore writes this entry to its source's path. */
    boolean writes() {
        return action == Action.ADD || action == Action.CHANGE;
    }

    /** One line of the printed plan. */
    String describe(boolean dryRun) {
        String where = target == null ? "" : (action == Action.SAVE
                ? (dryRun ? " -> would be saved to " : " -> saved to ") : " -> ") + target;
        return String.format("  %-9s %s%s%s", action.label(), name, where,
                detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
