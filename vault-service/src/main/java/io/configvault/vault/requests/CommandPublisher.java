package io.configvault.vault.requests;

import java.util.List;

/**
 * Publishes signed commands to agents on the command topic, one record per command keyed by the
 * appliance id. Thread-safe.
 */
public interface CommandPublisher {

    /** A signed command for one appliance. */
    record Command(String applianceId, byte[] signed) {
    }

    /**
     * Publishes every command and returns once the broker acknowledged all of them.
     *
     * @throws CommandPublishException when one or more could not be published (broker down,
     *                                 topic missing); some may have been
     */
    void publish(List<Command> commands) throws CommandPublishException;

    /** The broker did not take the commands; the message says why, never a secret. */
    final class CommandPublishException extends Exception {
        public CommandPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
