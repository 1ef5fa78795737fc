package io.configvault.capture.enrol;

/** Enrolment did not happen; {@link #kind()} says whether trying again can help. */
public final class EnrolmentException extends Exception {

    /** How an enrolment failed. */
    public enum Kind {
        /** The vault refused (token unknown, used, expired, for another id; key conflict). */
        REFUSED,
        /** What answered is not a vault's enrolment endpoint (wrong URL, unreadable answer). */
        NOT_A_VAULT,
        /** Network error, timeout or server error: the vault may answer later. */
        UNAVAILABLE
    }

    private final Kind kind;

    public EnrolmentException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public EnrolmentException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
