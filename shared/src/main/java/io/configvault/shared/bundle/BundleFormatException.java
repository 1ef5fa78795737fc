package io.configvault.shared.bundle;

/**
 * A bundle that can never be accepted: malformed tar, manifest not first, entries that do not
 * match the manifest, a limit exceeded. Permanent: retrying the same bytes fails the same way.
 * Messages name the problem but never contain entry content.
 */
public class BundleFormatException extends Exception {

    public BundleFormatException(String message) {
        super(message);
    }

    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
