package io.configvault.capture.snapshot;

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
    CapturedSnapshot capture(Trigger trigger, String label) throws CaptureException;
}
