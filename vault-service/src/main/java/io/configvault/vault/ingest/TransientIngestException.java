package io.configvault.vault.ingest;

/**
 * A snapshot could not be processed now for a reason that may pass (store or catalog
 * unavailable). The loop pauses the partition, commits nothing and retries from the last commit.
 */
public class TransientIngestException extends Exception {

    public TransientIngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
