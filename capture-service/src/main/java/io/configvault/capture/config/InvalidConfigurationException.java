package io.configvault.capture.config;

/**
 * A setting that the service cannot run with. The message has the form
 * "Cannot start capture: what is wrong (setting name)" and never contains a secret.
 * Permanent: restarting with the same configuration fails the same way.
 */
public final class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String problem, String setting) {
        super("Cannot start capture: " + problem + " (" + setting + ")");
    }

    public InvalidConfigurationException(String problem, String setting, Throwable cause) {
        super("Cannot start capture: " + problem + " (" + setting + ")", cause);
    }
}
