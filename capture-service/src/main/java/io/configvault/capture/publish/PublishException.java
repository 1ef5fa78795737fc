package io.configvault.capture.publish;

/**
 * A snapshot was not (completely) acknowledged by the bus: broker unreachable, timeout, record
 * refused. Outcome unknown, retriable: publish the same snapshot again.
 */
public final class PublishException extends Exception {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
