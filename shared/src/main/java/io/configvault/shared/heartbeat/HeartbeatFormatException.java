package io.configvault.shared.heartbeat;

/**
 * Bytes that are not a valid heartbeat document. Permanent; the message names the field or rule,
 * never the document's content.
 */
public class HeartbeatFormatException extends Exception {

    public HeartbeatFormatException(String message) {
        super(message);
    }
}
