package io.configvault.shared.snapshot;

/**
 * Rules for operator labels of manual snapshots: they go into the signed manifest, the vault's
 * catalog and snapshot requests. At most {@value #MAX_LENGTH} characters, not blank, no control
 * characters. Null means "no label" and is acceptable.
 */
public final class Labels {

    /** Longest label, in characters. */
    public static final int MAX_LENGTH = 200;

    private Labels() {
    }

    /** Null when the label is acceptable (null is: no label), else why it is not. */
    public static String problem(String label) {
        if (label == null) {
            return null;
        }
        if (label.isBlank()) {
            return "the label is blank";
        }
        if (label.length() > MAX_LENGTH) {
            return "the label is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "the label contains a control character";
            }
        }
        return null;
    }
}
