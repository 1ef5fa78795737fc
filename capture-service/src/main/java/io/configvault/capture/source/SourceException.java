package io.configvault.capture.source;

/**
 * A source that could not be staged: missing, not a regular file, unreadable, too large, or not
 * a SQLite database. The message reads "Cannot stage source 'name' (path): reason". The snapshot
 * that needed it is not taken; the next trigger tries again.
 */
public class SourceException extends Exception {

    private final boolean tooLarge;

    private SourceException(String message, Throwable cause, boolean tooLarge) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    static SourceException of(SourceSpec spec, String reason) {
        return new SourceException("Cannot stage " + spec.describe() + ": " + reason, null, false);
    }

    static SourceException of(SourceSpec spec, String reason, Throwable cause) {
        return new SourceException("Cannot stage " + spec.describe() + ": " + reason, cause,
                false);
    }

    static SourceException tooLarge(SourceSpec spec, long size, long maxBytes) {
        return new SourceException("Cannot stage " + spec.describe() + ": it holds " + size
                + " bytes, more than the " + maxBytes + " bytes left within"
                + " capture.max-snapshot-bytes", null, true);
    }

    /** True when the source was refused for its size, not for an error. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
