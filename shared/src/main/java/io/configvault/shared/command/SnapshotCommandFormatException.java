package io.configvault.shared.command;

/**
 * Bytes that are not a valid snapshot request document. Permanent; the message names the field
 * or rule, never the document's content.
 */
public class SnapshotCommandFormatException extends Exception {

    public SnapshotCommandFormatException(String message) {
        super(message);
    }
}
