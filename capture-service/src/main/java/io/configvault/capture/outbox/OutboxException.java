package io.configvault.capture.outbox;

/** The outbox database or spool directory failed. Retriable: nothing half-done is kept. */
public final class OutboxException extends Exception {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
