package io.configvault.capture.seal;

/** The configured keys cannot seal a snapshot (e.g. the ingest key has no encryption subkey). */
public final class SealException extends Exception {

    public SealException(String message, Throwable cause) {
        super(message, cause);
    }
}
