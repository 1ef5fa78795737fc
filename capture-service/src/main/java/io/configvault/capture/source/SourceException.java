package io.configvault.capture.source;

/**
 * A source that could not be staged: missing, not a regular file, unreadable, too large, not a
 * SQLite database, a failing command. The message reads "Cannot stage source 'name' (path):
 * reason". The snapshot that needed it is not taken (except for a missing source, see
 * {@link #missing()}); the next trigger tries again.
 */
public class SourceException extends Exception {

    private enum Kind { FAILED, TOO_LARGE, MISSING }

    private final Kind kind;
    private final String reason;

    private SourceException(SourceSpec spec, String reason, Throwable cause, Kind kind) {
        super("Cannot stage " + spec.describe() + ": " + reason, cause);
        this.kind = kind;
        this.reason = reason;
    }

    static SourceException of(SourceSpec spec, String reason) {
        return new SourceException(spec, reason, null, Kind.FAILED);
    }

    static SourceException of(SourceSpec spec, String reason, Throwable cause) {
        return new SourceException(spec, reason, cause, Kind.FAILED);
    }

    static SourceException tooLarge(SourceSpec spec, long size, long maxBytes) {
        return tooLarge(spec, "it holds " + size + " bytes, more than the " + maxBytes
                + " bytes left within capture.max-snapshot-bytes");
    }

    static SourceException tooLarge(SourceSpec spec, String reason) {
        return new SourceException(spec, reason, null, Kind.TOO_LARGE);
    }

    /** The source is not there (or is disabled); nothing of it was staged. */
    static SourceException missing(SourceSpec spec, String reason) {
        return new SourceException(spec, reason, null, Kind.MISSING);
    }

    /** True when the source was refused for its size, not for an error. */
    public boolean tooLarge() {
        return kind == Kind.TOO_LARGE;
    }

    /**
     * True when the source does not exist or is disabled. A snapshot is still taken without it:
     * marked not restorable if the source is required, else the source is skipped.
     */
    public boolean missing() {
        return kind == Kind.MISSING;
    }

    /** The reason alone, without the "Cannot stage source ..." prefix. */
    public String reason() {
        return reason;
    }
}
