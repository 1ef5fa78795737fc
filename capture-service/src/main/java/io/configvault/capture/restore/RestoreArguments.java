package io.configvault.capture.restore;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.List;

/**
 * The command line: {@code --snapshot <id|latest> [--dry-run]}.
 *
 * @param snapshot the snapshot to restore, or null for the appliance's latest
 * @param dryRun   print the plan only
 */
record RestoreArguments(SnapshotId snapshot, boolean dryRun) {

    static final String USAGE = "Usage: RestoreCommand --snapshot <snapshot-id|latest> [--dry-run]";

    /** "latest" or the id, as the operator wrote it. */
    String describe() {
        return snapshot == null ? "latest" : snapshot.toString();
    }

    /** @throws IllegalArgumentException with a one-line reason */
    static RestoreArguments parse(List<String> args) {
        String snapshot = null;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--dry-run")) {
                dryRun = true;
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
            return new RestoreArguments(null, dryRun);
        }
        try {
            return new RestoreArguments(SnapshotId.parse(snapshot), dryRun);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--snapshot takes a snapshot id (lower-case UUIDv7)"
                    + " or 'latest', not " + io.configvault.shared.snapshot.Identifiers
                    .printable(snapshot));
        }
    }
}
