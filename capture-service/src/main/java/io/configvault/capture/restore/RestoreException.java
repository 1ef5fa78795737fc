package io.configvault.capture.restore;

/**
 * A restore that did not (fully) happen. The message is the reason only ("the vault answered 404
 * Not Found: No snapshot ..."); the command prefixes it with "Cannot restore snapshot &lt;id&gt;:".
 * It never holds the token or configuration content. {@link #exitCode()} tells whether the
 * configuration was touched.
 */
public final class RestoreException extends Exception {

    private final ExitCode exitCode;

    RestoreException(ExitCode exitCode, String reason) {
        super(reason);
        this.exitCode = exitCode;
    }

    RestoreException(ExitCode exitCode, String reason, Throwable cause) {
        super(reason, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
