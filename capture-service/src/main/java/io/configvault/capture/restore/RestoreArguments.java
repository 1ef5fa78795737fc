package io.configvault.capture.restore;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.List;

/**
 * The command line: {@code --snapshot <id|latest> [--dry-run] [--no-pre-restore-snapshot]}.
 *
 * @param snapshot           the snapshot to restore, or null for the appliance's latest
 * @param dryRun             print the plan only
 * @param preRestoreSnapshot take a PRE_RESTORE snapshot before replacing anything (the
 *                           default); off only for an appliance whose current configuration
 *                           cannot be captured (e.g. a failing command source), by the
 *                           operator's explicit choice
 */
record RestoreArguments(SnapshotId snapshot, boolean dryRun, boolean preRestoreSnapshot) {

    static final String USAGE = "Usage: RestoreCommand --snapshot <snapshot-id|latest> [--dry-run]"
            + " [--no-pre-restore-snapshot]";

    /** A restore (or dry run) of {@code snapshot} with a pre-restore snapshot. */
    RestoreArguments(SnapshotId snapshot, boolean dryRun) {
        this(snapshot, dryRun, true);
    }

    /** "latest" or the id, as the operator wrote it. */
    String describe() {
        return snapshot == null ? "latest" : snapshot.toString();
    }

    /** @throws IllegalArgumentException with a one-line reason */
    static RestoreArguments parse(List<String> args) {
        String snapshot = null;
        boolean dryRun = false;
        boolean preRestoreSnapshot = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--no-pre-restore-snapshot")) {
                preRestoreSnapshot = false;
            } else if (arg.equals("--snapshot") && i + 1 < args.size()) {
                snapshot = args.get(++i);
            } else if (arg.startsWith("--snapshot=")) {
                snapshot = arg.substring("--snapshot=".length());
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument "
                        + io.configvault.shared.snapshot.Identifiers.printable(arg));
            }
        }
        if (snapshot == null) {
            throw new IllegalArgumentException("--snapshot is required");
        }
        if (snapshot.equals("latest")) {
            return new RestoreArguments(null, dryRun, preRestoreSnapshot);
        }
        try {
            return new RestoreArguments(SnapshotId.parse(snapshot), dryRun, preRestoreSnapshot);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--snapshot takes a snapshot id (lower-case UUIDv7)"
                    + " or 'latest', not " + io.configvault.shared.snapshot.Identifiers
                    .printable(snapshot));
        }
    }
}
