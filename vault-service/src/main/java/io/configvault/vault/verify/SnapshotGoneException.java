package io.configvault.vault.verify;

/**
 * A drill found the snapshot's object missing because the snapshot itself is gone from the
 * catalog meanwhile — retention deleted it while it was being verified. Not damage: nothing is
 * recorded, counted or alarmed.
 */
public final class SnapshotGoneException extends Exception {

    public SnapshotGoneException(String message) {
        super(message);
    }
}
