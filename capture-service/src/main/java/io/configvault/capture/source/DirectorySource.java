package io.configvault.capture.source;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The regular files of a directory tree that the include/exclude globs select, one entry each,
 * named {@code <source name>/<relative path>}. Mode and modification time of each file go into
 * the manifest.
 *
 * <p>Rules (see {@link DirectoryTree} for the walk): a selected symbolic link is refused, whether
 * it points outside the tree (it could put any file of the appliance into the snapshot) or
 * inside (it would be captured twice, and a restore would write a file where a link was); so are
 * devices, pipes and sockets (reading a pipe can block forever, a device has no configuration to
 * copy). The error names the source and the path; the operator excludes the path or removes it.
 * Each file is copied as it is read; one that changes while it is copied is copied again.
 */
public final class DirectorySource implements SnapshotSource {

    /** Most files one directory source may contribute (the bundle's entry limit). */
    public static final int MAX_FILES = BundleLimits.DEFAULT.maxEntries();

    private static final int ATTEMPTS = 3;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final SourceSpec spec;
    private final DirectoryTree tree;

    public DirectorySource(SourceSpec spec, DirectoryTree tree) {
        if (spec.kind() != SourceKind.DIRECTORY || !spec.path().equals(tree.root())) {
            throw new IllegalArgumentException("A directory source needs the tree at its path");
        }
        this.spec = spec;
        this.tree = Objects.requireNonNull(tree, "tree");
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    /** The files it captures, for change detection. */
    public DirectoryTree tree() {
        return tree;
    }

    @Override
    public List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException {
        List<StagedEntry> staged = new ArrayList<>();
        long[] total = {0};
        try {
            tree.walk(node -> {
                if (staged.size() == MAX_FILES) {
                    throw SourceException.tooLarge(spec, "more than " + MAX_FILES + " files"
                            + " match; narrow it with exclude patterns");
                }
                StagedEntry entry = stageFile(node, dir.resolve(Integer.toString(staged.size())),
                        maxBytes - total[0]);
                total[0] += entry.entry().size();
                staged.add(entry);
            });
        } catch (NoSuchFileException e) {
            if (tree.root().toString().equals(e.getFile())) {
                throw SourceException.missing(spec, "it does not exist");
            }
            throw SourceException.of(spec, "cannot read " + e.getFile() + " (it vanished)", e);
        } catch (IOException e) {
            throw SourceException.of(spec, reason(e), e);
        }
        return staged;
    }

    private StagedEntry stageFile(DirectoryTree.Node node, Path target, long left)
            throws SourceException, IOException {
        String name = spec.name() + "/" + node.relative();
        PosixFileAttributes attributes = node.attributes();
        if (attributes.isSymbolicLink()) {
            DirectoryTree.LinkTarget link = node.linkTarget(tree.root());
            throw SourceException.of(spec, "'" + node.relative() + "' is a symbolic link to "
                    + link.target() + (link.inside() ? " inside" : ", outside") + " the source;"
                    + " symbolic links are never captured: remove it or exclude it");
        }
        if (!attributes.isRegularFile()) {
            throw SourceException.of(spec, "'" + node.relative() + "' is a device, socket or"
                    + " pipe, not a regular file: exclude it");
        }
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw SourceException.of(spec, "'" + node.relative() + "' cannot be named in a"
                    + " snapshot (" + problem + "): rename it or exclude it");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attributes.size() > left) {
                throw SourceException.tooLarge(spec, "'" + node.relative() + "' holds "
                        + attributes.size() + " bytes, more than the " + left + " bytes left"
                        + " within capture.max-snapshot-bytes");
            }
            Sha256.DigestingSink digest = copy(node, target, left);
            PosixFileAttributes after = node.reread();
            if (same(attributes, after) && digest.count() == after.size()) {
                return new StagedEntry(new ManifestEntry(name, SourceKind.DIRECTORY,
                        digest.count(), digest.hex(), SourceFiles.mode(attributes.permissions()),
                        attributes.lastModifiedTime().toInstant(), spec.sensitive()), target);
            }
            Files.delete(target);
            attributes = after;
            if (!after.isRegularFile()) {
                throw SourceException.of(spec, "'" + node.relative() + "' was replaced while it"
                        + " was copied");
            }
        }
        throw SourceException.of(spec, "'" + node.relative() + "' kept changing while it was"
                + " copied (" + ATTEMPTS + " attempts)");
    }

    private Sha256.DigestingSink copy(DirectoryTree.Node node, Path target, long left)
            throws SourceException, IOException {
        Sha256.DigestingSink digest = new Sha256.DigestingSink();
        try (SeekableByteChannel in = node.open();
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            for (int n; (n = in.read(buffer)) >= 0; buffer.clear()) {
                if (digest.count() + n > left) {
                    throw SourceException.tooLarge(spec, "'" + node.relative() + "' grew past"
                            + " the " + left + " bytes left within capture.max-snapshot-bytes");
                }
                out.write(buffer.array(), 0, n);
                digest.write(buffer.array(), 0, n);
            }
        }
        return digest;
    }

    private static boolean same(PosixFileAttributes before, PosixFileAttributes after) {
        return before.size() == after.size()
                && before.lastModifiedTime().equals(after.lastModifiedTime())
                && Objects.equals(before.fileKey(), after.fileKey())
                && before.isRegularFile() == after.isRegularFile();
    }

    private String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            boolean atRoot = fs.getFile().equals(tree.root().toString());
            if (atRoot && fs.getReason() != null) {
                return fs.getReason();
            }
            if (!atRoot) {
                return "cannot read " + fs.getFile() + " (" + SourceFiles.reason(e) + ")";
            }
        }
        return "cannot read it (" + SourceFiles.reason(e) + ")";
    }
}
