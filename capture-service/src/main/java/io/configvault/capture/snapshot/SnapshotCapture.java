package io.configvault.capture.snapshot;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;

/**
 * Takes a snapshot now.
 *
 * <p>Contract: when {@link #capture} returns, the sealed snapshot is durably in the outbox (it
 * survives a crash or power cut and will be published in order); it may not be published yet.
 * When it throws, nothing was added to the outbox and no staged plaintext is left on disk.
 * Thread-safe: concurrent calls run one after the other, never interleaved. Not idempotent: every
 * call takes a new snapshot with a new id.
 */
public interface SnapshotCapture {

    /**
     * @param trigger why it is taken; recorded in the signed manifest
     * @param label   operator label for the manifest, or null
     * @throws CaptureException when no snapshot could be taken (the reason is in the message and
     *                          in the agent status)
     */
    default CapturedSnapshot capture(Trigger trigger, String label) throws CaptureException {
        return capture(trigger, label, null);
    }

    /**
     * @param requestId the vault's snapshot request this snapshot is taken for (its manifest
     *                  names it), or null
     */
    CapturedSnapshot capture(Trigger trigger, String label, SnapshotId requestId)
            throws CaptureException;
}
