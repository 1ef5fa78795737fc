package io.configvault.capture.source;

import java.nio.file.Path;
import java.util.List;

/**
 * One configured source, staged as one or more bundle entries.
 *
 * <p>Contract: {@link #stageEntries} copies the source's current content to new files inside
 * the given directory and describes each copy (name, size, SHA-256, mode, modification time of
 * the source). The copy is consistent: a database is copied inside one read transaction, a file
 * is copied again if it changed while it was read, a command's output counts only if the command
 * succeeded. Staging only reads the source; it never changes it, so it does not look like a
 * change to the change watcher. Any failure is a {@link SourceException}; the caller deletes the
 * directory with whatever partial copies it holds. Implementations are stateless apart from
 * their configuration and may be called from any thread, one call at a time per directory.
 */
public interface SnapshotSource {

    /** What it is and where it lives. */
    SourceSpec spec();

    /**
     * Copies the current content into {@code dir}, an existing, empty, private directory.
     *
     * @param maxBytes the most the copies may hold together; a larger source fails with a
     *                 {@link SourceException} whose {@link SourceException#tooLarge()} is true
     * @return the staged entries in bundle order; empty only for a directory source in which no
     *         file matches
     * @throws SourceException with {@link SourceException#missing()} true when the source does
     *                         not exist (or is disabled): the caller decides whether that fails
     *                         the snapshot
     */
    List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException;
}
