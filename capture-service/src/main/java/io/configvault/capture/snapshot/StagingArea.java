package io.configvault.capture.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh directory for one capture: the staged plaintext entries, the bundle and the sealed
 * file. Only the owner can read it (it holds plaintext secrets until the capture ends), and
 * {@link #close()} deletes it. Leftovers of a crash are removed by {@link #clean}.
 */
final class StagingArea implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);

    private final Path dir;

    private StagingArea(Path dir) {
        this.dir = dir;
    }

    static StagingArea create(Path root) throws IOException {
        Files.createDirectories(root);
        Path dir = root.resolve(UUID.randomUUID().toString());
        if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
        return new StagingArea(dir);
    }

    /** Removes whatever an interrupted capture left under {@code root}. */
    static void clean(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            try (Stream<Path> children = Files.list(root)) {
                for (Path child : children.toList()) {
                    LOG.warn("Removing staging directory {} left by an interrupted capture",
                            child.getFileName());
                    delete(child);
                }
            }
        }
    }

    /** A new, empty directory inside the area (private like the area). */
    Path directory(String name) throws IOException {
        return Files.createDirectory(dir.resolve(name));
    }

    /** A path inside the area; nothing is created. */
    Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try {
            delete(dir);
        } catch (IOException e) {
            LOG.error("Cannot delete staging directory {}: {}", dir, e.toString());
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
