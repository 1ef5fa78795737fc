package io.configvault.capture.restore;

import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The restore command's own corner of the agent's data directory, {@code <data-dir>/restore/}
 * (mode 0700): a lock file, so that one restore runs at a time; {@code work/} for the download
 * and the unpacked entries (plaintext: deleted when the restore ends, leftovers of a crash at the
 * next start); {@code staging/} for the pre-restore snapshot's capture, apart from the running
 * agent's; {@code saved/<snapshot id>/} for entries that are not restored automatically.
 */
final class RestoreWorkspace implements AutoCloseable {

    private final Path root;
    private final Path work;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RestoreWorkspace(Path root, Path work, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.work = work;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @throws RestoreException {@link ExitCode#USAGE} when another restore holds the lock or the
     *                          directory cannot be set up
     */
    static RestoreWorkspace open(Path dataDir) throws RestoreException {
        Path root = dataDir.resolve("restore");
        FileChannel channel = null;
        try {
            privateDirectory(root);
            channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new RestoreException(ExitCode.USAGE, "another restore is running (it holds "
                        + root.resolve("lock") + ")");
            }
            delete(root.resolve("work"));
            Path work = privateDirectory(root.resolve("work").resolve(UUID.randomUUID()
                    .toString()));
            return new RestoreWorkspace(root, work, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new RestoreException(ExitCode.USAGE, "cannot prepare " + root + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** A private directory for this run's download and unpacked entries. */
    Path work() {
        return work;
    }

    /** The staging root of the pre-restore snapshot's capture. */
    Path staging() {
        return root.resolve("staging");
    }

    /** Where the entries of a snapshot that are not restored automatically are saved. */
    Path saved(SnapshotId snapshot) {
        return root.resolve("saved").resolve(snapshot.toString());
    }

    /** Creates {@code dir} (mode 0700) and its parents unless it exists; returns it. */
    static Path privateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        }
        return dir;
    }

    /**
     * Copies {@code source} to a new file {@code target} that only the owner can read (0600 from
     * its creation on: it may hold secrets), replacing an existing one.
     */
    static void copyPrivately(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(target, options, attributes);
             OutputStream out = Channels.newOutputStream(channel)) {
            Files.copy(source, out);
        }
    }

    @Override
    public void close() {
        try {
            delete(work);
        } catch (IOException e) {
            System.err.println("Cannot delete " + work + " (" + e.getMessage() + "); it holds"
                    + " plaintext configuration: delete it by hand");
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel releases it as well.
            }
            closeQuietly(lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was written through it.
            }
        }
    }
}
