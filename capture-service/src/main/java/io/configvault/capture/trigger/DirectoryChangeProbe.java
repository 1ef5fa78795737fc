package io.configvault.capture.trigger;

import io.configvault.capture.source.DirectoryTree;
import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The files a directory source selects: their names, identities (inodes), sizes, modification
 * times and types, folded into one digest per poll. Only attributes are read (one
 * {@code fstatat} per file, no content), and reading changes none of them, so the agent's own
 * copies are not seen as changes. A file appearing, disappearing, being written or replaced is.
 */
final class DirectoryChangeProbe implements ChangeProbe {

    private static final String ABSENT = "absent";

    private final SourceSpec spec;
    private final DirectoryTree tree;
    private String last;

    DirectoryChangeProbe(SourceSpec spec, DirectoryTree tree) {
        this.spec = spec;
        this.tree = tree;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public boolean changed() throws IOException {
        String now = fingerprint();
        boolean changed = last != null && !now.equals(last);
        last = now;
        return changed;
    }

    private String fingerprint() throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try {
            tree.walk(node -> {
                PosixFileAttributes attributes = node.attributes();
                String line = node.relative() + '\0' + attributes.size() + '\0'
                        + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + '\0'
                        + Objects.requireNonNullElse(attributes.fileKey(), "none") + '\0'
                        + (attributes.isRegularFile() ? 'f' : attributes.isSymbolicLink() ? 'l'
                        : 'o') + '\n';
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            });
        } catch (NoSuchFileException e) {
            if (tree.root().toString().equals(e.getFile())) {
                return ABSENT;
            }
            throw e;
        }
        return Sha256.hex(digest);
    }

    @Override
    public void close() {
    }
}
