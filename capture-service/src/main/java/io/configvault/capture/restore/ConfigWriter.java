package io.configvault.capture.restore;

import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.DurableFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces configuration files all or nothing.
 *
 * <p>{@link #prepare} writes every new file next to its target first ({@code .<name>.cv-restore-
 * <tag>}, same directory so that a rename can install it), with the owner and mode of the file it
 * replaces (the manifest's mode for a new file), fsynced. A SQLite copy gets the journal mode of
 * the database it replaces. Nothing is replaced yet; a failure here leaves no trace.
 *
 * <p>{@link #commit} then installs them one by one. For each target: the previous file is kept as
 * a hard link {@code .<name>.cv-previous-<tag>} (a copy where links are not possible), so the
 * target path always names either the old or the new file; for a SQLite database its
 * {@code -wal} and {@code -journal} are moved next to that link and its {@code -shm} is deleted;
 * then the new file is renamed over the target. Only when every target is installed are the
 * directories fsynced and the previous files deleted. When any step fails, every target installed
 * so far gets its previous file (and companions) back, in reverse order.
 *
 * <p>Why the SQLite companions: SQLite opens {@code X-wal} with whatever file is named {@code X}.
 * A WAL left from the previous database would be replayed onto the restored one and corrupt it; a
 * stale hot {@code -journal} would be rolled back into it. And {@code -shm} is the shared index of
 * the WAL: a process still holding the old database open (the agent's change probe) would share a
 * left-over {@code -shm} with the first connection to the new file. Deleting it makes the next
 * connection build a fresh one. The previous WAL is kept with the previous file, so a rollback
 * puts back the database exactly as it was, committed-but-uncheckpointed transactions included.
 *
 * <p>Not thread-safe. A process killed during {@link #commit} can leave some targets restored
 * and others not; the previous files then remain under their {@code .cv-previous-} names.
 */
final class ConfigWriter implements AutoCloseable {

    private static final List<String> MOVED_COMPANIONS = List.of("-wal", "-journal");
    private static final String SHARED_MEMORY = "-shm";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Staged(PlannedEntry entry, Path temp) {
        Path target() {
            return entry.target();
        }

        boolean sqlite() {
            return entry.kind() == SourceKind.SQLITE;
        }
    }

    /** How far one target got during {@link #commit}, for its rollback. */
    private static final class Swap {
        final Staged staged;
        Path previous;
        final List<Path[]> movedAside = new ArrayList<>();
        boolean installed;

        Swap(Staged staged) {
            this.staged = staged;
        }
    }

    private final String tag;
    private final List<Staged> staged;
    private final List<String> leftovers = new ArrayList<>();

    private ConfigWriter(String tag, List<Staged> staged) {
        this.tag = tag;
        this.staged = staged;
    }

    /**
     * Writes the new files next to their targets.
     *
     * @throws RestoreException {@link ExitCode#ROLLED_BACK} (nothing was replaced) when a file
     *                          cannot be written, owned or fsynced
     */
    static ConfigWriter prepare(List<PlannedEntry> writes) throws RestoreException {
        String tag = HexFormat.of().formatHex(randomBytes());
        List<Staged> staged = new ArrayList<>();
        ConfigWriter writer = new ConfigWriter(tag, staged);
        for (PlannedEntry entry : writes) {
            Path temp = sibling(entry.target(), ".cv-restore-" + tag);
            try {
                staged.add(new Staged(entry, temp));
                stage(entry, temp);
            } catch (IOException e) {
                writer.close();
                throw new RestoreException(ExitCode.ROLLED_BACK, "cannot write the new "
                        + entry.name() + " next to " + entry.target() + " (" + reason(e)
                        + "); nothing was replaced", e);
            }
        }
        return writer;
    }

    private static void stage(PlannedEntry entry, Path temp) throws IOException {
        PosixFileAttributes current = posixAttributes(entry.target());
        boolean posix = temp.getFileSystem().supportedFileAttributeViews().contains("posix");
        // Private while it is written; the final owner and mode are set before it is fsynced.
        RestoreWorkspace.copyPrivately(entry.content(), temp);
        if (entry.kind() == SourceKind.SQLITE && current != null
                && SqliteFiles.usesWal(entry.target())) {
            // The snapshot's copy uses the rollback journal (one self-contained file); an
            // application that set WAL once expects its database to stay in WAL.
            SqliteFiles.switchToWal(temp);
        }
        if (posix) {
            if (current != null) {
                PosixFileAttributeView view = Files.getFileAttributeView(temp,
                        PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                PosixFileAttributes mine = view.readAttributes();
                if (!mine.owner().equals(current.owner())) {
                    view.setOwner(current.owner());
                }
                if (!mine.group().equals(current.group())) {
                    view.setGroup(current.group());
                }
            }
            Files.setPosixFilePermissions(temp, current != null ? current.permissions()
                    : permissions(entry.mode()));
        }
        DurableFiles.fsync(temp);
    }

    /**
     * Installs every prepared file, or none.
     *
     * @throws RestoreException {@link ExitCode#ROLLED_BACK} when a step failed and every target
     *                          has its previous file back; {@link ExitCode#ROLLBACK_INCOMPLETE}
     *                          when putting a previous file back failed too (the message names
     *                          where each previous file is)
     */
    void commit() throws RestoreException {
        List<Swap> swaps = new ArrayList<>();
        Swap current = null;
        try {
            for (Staged s : staged) {
                current = new Swap(s);
                swaps.add(current);
                install(current);
            }
            current = null;
            syncDirectories();
        } catch (IOException e) {
            List<String> problems = rollBack(swaps);
            String failed = current == null ? "the new files (fsync of their directories)"
                    : current.staged.entry().name() + " (" + current.staged.target() + ")";
            if (problems.isEmpty()) {
                throw new RestoreException(ExitCode.ROLLED_BACK, "cannot install " + failed
                        + ": " + reason(e) + "; every file was put back as it was", e);
            }
            throw new RestoreException(ExitCode.ROLLBACK_INCOMPLETE, "cannot install " + failed
                    + ": " + reason(e) + "; putting the previous files back failed too: "
                    + String.join("; ", problems), e);
        }
        for (Swap swap : swaps) {
            discard(swap.previous);
            swap.movedAside.forEach(pair -> discard(pair[1]));
        }
    }

    private void install(Swap swap) throws IOException {
        Path target = swap.staged.target();
        BasicFileAttributes now = attributes(target);
        if (now != null && !now.isRegularFile()) {
            // The pre-hook (or someone) put something else there since the plan was made.
            throw new IOException(target + " is no longer a regular file");
        }
        Path previous = sibling(target, ".cv-previous-" + tag);
        if (now != null) {
            keepPrevious(target, previous);
            swap.previous = previous;
        }
        if (swap.staged.sqlite()) {
            for (String suffix : MOVED_COMPANIONS) {
                Path companion = companion(target, suffix);
                if (attributes(companion) != null) {
                    Path aside = companion(previous, suffix);
                    Files.move(companion, aside, StandardCopyOption.ATOMIC_MOVE);
                    swap.movedAside.add(new Path[] {companion, aside});
                }
            }
            Files.deleteIfExists(companion(target, SHARED_MEMORY));
        }
        Files.move(swap.staged.temp(), target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        swap.installed = true;
    }

    /** A hard link keeps the very file (inode, owner, times); a copy where links fail. */
    private static void keepPrevious(Path target, Path previous) throws IOException {
        try {
            Files.createLink(previous, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof NoSuchFileException) {
                throw (NoSuchFileException) e;
            }
            Files.copy(target, previous, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            DurableFiles.fsync(previous);
        }
    }

    /** Undoes the swaps in reverse order; returns what could not be undone. */
    private List<String> rollBack(List<Swap> swaps) {
        List<String> problems = new ArrayList<>();
        for (Swap swap : swaps.reversed()) {
            Path target = swap.staged.target();
            try {
                if (swap.staged.sqlite()) {
                    // Companions created since the swap belong to the new file, not the old.
                    Files.deleteIfExists(companion(target, SHARED_MEMORY));
                    if (swap.installed) {
                        for (String suffix : MOVED_COMPANIONS) {
                            Files.deleteIfExists(companion(target, suffix));
                        }
                    }
                }
                if (swap.installed) {
                    if (swap.previous != null) {
                        Files.move(swap.previous, target, StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.deleteIfExists(target);
                    }
                } else if (swap.previous != null) {
                    Files.deleteIfExists(swap.previous);
                }
                swap.previous = null;
                for (Path[] pair : swap.movedAside.reversed()) {
                    Files.move(pair[1], pair[0], StandardCopyOption.ATOMIC_MOVE);
                }
                swap.movedAside.clear();
            } catch (IOException e) {
                problems.add(target + " (" + reason(e) + ")" + (swap.previous == null ? ""
                        : ", the previous file is " + swap.previous)
                        + (swap.movedAside.isEmpty() ? "" : ", its journal files are next to"
                        + " it"));
            }
        }
        try {
            syncDirectories();
        } catch (IOException e) {
            problems.add("cannot fsync the directories (" + reason(e) + ")");
        }
        return problems;
    }

    private void syncDirectories() throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        staged.forEach(s -> dirs.add(s.target().getParent()));
        for (Path dir : dirs) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                DurableFiles.fsyncDirectory(dir);
            }
        }
    }

    /** Files that could not be deleted (the operator may remove them), for the report. */
    List<String> leftovers() {
        return List.copyOf(leftovers);
    }

    /** Deletes the prepared files that were not installed. */
    @Override
    public void close() {
        for (Staged s : staged) {
            discard(s.temp());
        }
    }

    private void discard(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            leftovers.add(file + " (" + reason(e) + ")");
        }
    }

    private static Path sibling(Path target, String suffix) {
        String name = target.getFileName().toString();
        // Keep the name short enough for NAME_MAX (255) with the suffixes added.
        String base = name.length() > 100 ? name.substring(0, 100) : name;
        return target.resolveSibling("." + base + suffix);
    }

    private static Path companion(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException fs) {
            return fs.getReason() == null ? e.getClass().getSimpleName() + " " + fs.getFile()
                    : fs.getReason() + ": " + fs.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
