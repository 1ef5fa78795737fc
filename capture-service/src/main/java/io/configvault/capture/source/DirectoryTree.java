package io.configvault.capture.source;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The files under a directory that {@code include}/{@code exclude} globs select, walked without
 * ever following a symbolic link.
 *
 * <p>The walk goes through {@link SecureDirectoryStream}s ({@code openat} with
 * {@code O_NOFOLLOW} on Linux and the BSDs): every child is looked up relative to its already
 * opened parent directory and opened without following links. So a directory or file swapped
 * for a link while the walk runs cannot lead it outside the tree; it meets the link itself and
 * reports it as one. Children are visited in name order, so the same tree always gives the same
 * entries.
 *
 * <p>Globs use {@link java.nio.file.FileSystem#getPathMatcher} syntax and are matched against
 * the path relative to the root, with '/' separators: {@code *} stays within one directory,
 * {@code **} crosses directories ({@code *.png} matches top-level files only, {@code **.png}
 * matches at any depth). A file is visited when it matches an include glob (or there are none)
 * and no exclude glob; a directory is entered unless it matches an exclude glob. Stateless and
 * thread-safe.
 */
public final class DirectoryTree {

    /** Deepest directory nesting that is walked. */
    public static final int MAX_DEPTH = 64;

    private final Path root;
    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;

    /**
     * @throws IllegalArgumentException when a glob is invalid (see {@link #globProblem})
     */
    public DirectoryTree(Path root, List<String> include, List<String> exclude) {
        this.root = root.toAbsolutePath().normalize();
        this.include = matchers(include);
        this.exclude = matchers(exclude);
    }

    public Path root() {
        return root;
    }

    /** Null when {@code glob} is acceptable, else why it is not. */
    public static String globProblem(String glob) {
        if (glob == null || glob.isBlank()) {
            return "the pattern is empty";
        }
        if (glob.startsWith("/")) {
            return "the pattern " + glob + " is absolute; patterns are relative to the directory";
        }
        for (String segment : glob.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "the pattern " + glob + " has a '.' or '..' segment";
            }
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            return "the pattern " + glob + " is not a valid glob (" + e.getDescription() + ")";
        }
        return null;
    }

    /** One file (anything but a directory) that the globs select; valid only during its visit. */
    public static final class Node {
        private final SecureDirectoryStream<Path> parent;
        private final Path name;
        private final Path path;
        private final String relative;
        private final PosixFileAttributes attributes;

        private Node(SecureDirectoryStream<Path> parent, Path name, Path path, String relative,
                     PosixFileAttributes attributes) {
            this.parent = parent;
            this.name = name;
            this.path = path;
            this.relative = relative;
            this.attributes = attributes;
        }

        /** Path relative to the root, '/'-separated. */
        public String relative() {
            return relative;
        }

        /** The absolute path, for messages. */
        public Path path() {
            return path;
        }

        /** Its attributes as the walk read them (the link itself for a link). */
        public PosixFileAttributes attributes() {
            return attributes;
        }

        /** Reads the attributes again, e.g. to see whether it changed while it was copied. */
        public PosixFileAttributes reread() throws IOException {
            return DirectoryTree.attributes(parent, name);
        }

        /** Opens it for reading, relative to its open parent directory, never following a link. */
        public SeekableByteChannel open() throws IOException {
            return parent.newByteChannel(name, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
        }

        /** Where a symbolic link points, and whether that stays inside the tree. */
        public LinkTarget linkTarget(Path root) throws IOException {
            Path target = Files.readSymbolicLink(path);
            Path resolved = path.getParent().resolve(target).normalize();
            return new LinkTarget(target, resolved.startsWith(root));
        }
    }

    /** A symbolic link's target as written, and whether it resolves inside the tree. */
    public record LinkTarget(Path target, boolean inside) {
    }

    /** Receives every selected file in name order. */
    @FunctionalInterface
    public interface Visitor<E extends Exception> {
        void visit(Node node) throws E, IOException;
    }

    /**
     * Walks the tree.
     *
     * @throws java.nio.file.NoSuchFileException when the root does not exist
     * @throws FileSystemException               when the root is a link or not a directory, a
     *                                           directory is nested deeper than
     *                                           {@link #MAX_DEPTH}, or the platform cannot walk
     *                                           without following links
     */
    public <E extends Exception> void walk(Visitor<E> visitor) throws E, IOException {
        PosixFileAttributes rootAttributes = Files.readAttributes(root,
                PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (rootAttributes.isSymbolicLink()) {
            throw new FileSystemException(root.toString(), null, "it is a symbolic link;"
                    + " configure the directory it points to instead");
        }
        if (!rootAttributes.isDirectory()) {
            throw new FileSystemException(root.toString(), null, "it is not a directory");
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
            if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
                throw new FileSystemException(root.toString(), null, "this platform cannot walk"
                        + " a directory without following symbolic links");
            }
            walk(secure, root, "", 0, visitor);
        }
    }

    private <E extends Exception> void walk(SecureDirectoryStream<Path> dir, Path dirPath,
                                            String prefix, int depth, Visitor<E> visitor)
            throws E, IOException {
        if (depth > MAX_DEPTH) {
            throw new FileSystemException(dirPath.toString(), null, "it is nested more than "
                    + MAX_DEPTH + " directories deep");
        }
        List<String> names = new ArrayList<>();
        for (Path child : dir) {
            names.add(child.getFileName().toString());
        }
        names.sort(null);
        for (String childName : names) {
            Path name = dirPath.getFileSystem().getPath(childName);
            String relative = prefix.isEmpty() ? childName : prefix + "/" + childName;
            Path relativePath = dirPath.getFileSystem().getPath(relative);
            PosixFileAttributes attributes;
            try {
                attributes = attributes(dir, name);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // deleted since it was listed
            }
            if (matchesAny(exclude, relativePath)) {
                continue;
            }
            if (attributes.isDirectory()) {
                SecureDirectoryStream<Path> sub;
                try {
                    sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue;
                }
                try (sub) {
                    walk(sub, dirPath.resolve(name), relative, depth + 1, visitor);
                }
            } else if (include.isEmpty() || matchesAny(include, relativePath)) {
                visitor.visit(new Node(dir, name, dirPath.resolve(name), relative, attributes));
            }
        }
    }

    private static PosixFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name)
            throws IOException {
        return dir.getFileAttributeView(name, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
    }

    private static boolean matchesAny(List<PathMatcher> matchers, Path relative) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : globs) {
            String problem = globProblem(glob);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.strip()));
        }
        return List.copyOf(matchers);
    }
}
