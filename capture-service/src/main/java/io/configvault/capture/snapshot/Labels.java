package io.configvault.capture.snapshot;

/**
 * Rules for operator labels: they go into the manifest and the vault's catalog. The rules are
 * the shared ones ({@link io.configvault.shared.snapshot.Labels}), so the vault checks a
 * snapshot request's label exactly like the agent checks a manual snapshot's.
 */
public final class Labels {

    /** Longest label, in characters. */
    public static final int MAX_LENGTH = io.configvault.shared.snapshot.Labels.MAX_LENGTH;

    private Labels() {
    }

    /** Null when the label is acceptable (null is: no label), else why it is not. */
    public static String problem(String label) {
        return io.configvault.shared.snapshot.Labels.problem(label);
    }
}
