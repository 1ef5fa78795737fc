package io.configvault.capture.seal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns a plaintext bundle into the sealed message that is published.
 *
 * <p>Contract: reads {@code bundle} to its end and writes a complete sealed message to
 * {@code sealed}, which must not exist yet. On failure, {@code sealed} may hold an incomplete
 * message; the caller deletes it. Memory use does not depend on the bundle's size. Thread-safe.
 */
public interface SnapshotSealer {

    /**
     * @throws SealException when the keys cannot seal (permanent until the keys change)
     * @throws IOException   when reading the bundle or writing the sealed file fails
     */
    void seal(Path bundle, Path sealed) throws SealException, IOException;
}
