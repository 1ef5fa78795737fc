package io.configvault.capture.snapshot;

/**
 * A snapshot that could not be taken. The message reads "Cannot capture snapshot of appliance
 * X (trigger): reason" and holds no content or secret. Nothing was added to the outbox.
 */
public final class CaptureException extends Exception {

    /** Whether a retry can help. */
    public enum Kind {
        /** The snapshot is larger than {@code capture.max-snapshot-bytes}: retrying fails again. */
        TOO_LARGE,
        /** A source, the disk or the outbox failed; the next trigger may succeed. */
        FAILED
    }

    private final Kind kind;

    public CaptureException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
