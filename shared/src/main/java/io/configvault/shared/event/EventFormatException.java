package io.configvault.shared.event;

/**
 * A record that is not a valid snapshot segment. Permanent: the same record always fails the same
 * way, so the vault quarantines it. The message names the header or rule, never payload bytes.
 */
public class EventFormatException extends Exception {

    public EventFormatException(String message) {
        super(message);
    }
}
