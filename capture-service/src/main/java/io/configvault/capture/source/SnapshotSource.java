package io.configvault.capture.source;

import io.configvault.shared.bundle.ManifestEntry;
import java.nio.file.Path;

/**
 * One configured source, staged as one bundle entry.
 *
 * <p>Contract: {@link #stage} copies the source's current content to a new file and describes
 * that copy (size, SHA-256, mode, modification time of the source). The copy is consistent: a
 * database is copied inside one read transaction, a file is copied again if it changed while it
 * was read. Staging only reads the source; it never changes it, so it does not look like a change
 * to the change watcher. Any failure is a {@link SourceException}, and the caller deletes the
 * partial copy. Implementations are stateless apart from their configuration and may be called
 * from any thread, one call at a time per target file.
 */
public interface SnapshotSource {

    /** What it is and where it lives. */
    SourceSpec spec();

    /**
     * Copies the current content to {@code target}, which must not exist yet.
     *
     * @param maxBytes the most the copy may hold; a larger source fails with a
     *                 {@link SourceException} whose {@link SourceException#tooLarge()} is true
     * @return the manifest entry describing the copy
     */
    ManifestEntry stage(Path target, long maxBytes) throws SourceException;
}
