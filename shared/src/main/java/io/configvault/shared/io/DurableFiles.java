package io.configvault.shared.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Durable file operations: fsync of files and directories, atomic rename. */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Forces a file's content and metadata to disk. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory entry to disk so that a created or renamed file survives a power cut.
     * Some file systems refuse to open directories for this; that is not an error there.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(dir) && System.getProperty("os.name").startsWith("Windows")) {
                return;
            }
            throw e;
        }
    }

    /** Moves {@code source} over {@code target} atomically, then syncs the directory. */
    public static void atomicMove(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("Cannot move " + source.getFileName() + " into place: "
                    + target.getParent() + " is on another file system", e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }
}
