package io.configvault.capture.source;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Set;

/** What a source file is, read without following a link at its path. */
record SourceFiles(long size, Instant modifiedAt, int mode, Object fileKey) {

    /** Mode recorded where the file system has no POSIX permissions. */
    private static final int DEFAULT_MODE = 0600;

    /**
     * @throws SourceException when the path is missing, a symbolic link, or not a regular file
     */
    static SourceFiles regularFile(SourceSpec spec) throws SourceException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(spec.path(), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            attributes = basic(spec);
        } catch (NoSuchFileException e) {
            throw SourceException.missing(spec, "it does not exist");
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot read its attributes (" + reason(e) + ")", e);
        }
        if (attributes.isSymbolicLink()) {
            throw SourceException.of(spec, "it is a symbolic link; configure the file it points"
                    + " to instead");
        }
        if (!attributes.isRegularFile()) {
            throw SourceException.of(spec, "it is not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a device, socket or pipe")
                    + ")");
        }
        int mode = attributes instanceof PosixFileAttributes posix
                ? mode(posix.permissions()) : DEFAULT_MODE;
        return new SourceFiles(attributes.size(), attributes.lastModifiedTime().toInstant(), mode,
                attributes.fileKey());
    }

    /** True when the file looks unchanged: same file, size and modification time. */
    boolean sameAs(SourceFiles other) {
        return size == other.size && modifiedAt.equals(other.modifiedAt)
                && java.util.Objects.equals(fileKey, other.fileKey);
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }

    private static BasicFileAttributes basic(SourceSpec spec) throws SourceException {
        try {
            return Files.readAttributes(spec.path(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw SourceException.missing(spec, "it does not exist");
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot read its attributes (" + reason(e) + ")", e);
        }
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 0040;
                case GROUP_WRITE -> 0020;
                case GROUP_EXECUTE -> 0010;
                case OTHERS_READ -> 0004;
                case OTHERS_WRITE -> 0002;
                case OTHERS_EXECUTE -> 0001;
            };
        }
        return mode;
    }
}
