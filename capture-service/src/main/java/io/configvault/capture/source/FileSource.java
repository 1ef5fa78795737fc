package io.configvault.capture.source;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A regular file, copied as it is. Symbolic links and anything that is not a regular file are
 * refused: a link could point the agent at a file the operator never meant to put into a
 * snapshot. A file that changes while it is copied is copied again.
 */
public final class FileSource implements SnapshotSource {

    private static final int ATTEMPTS = 3;

    private final SourceSpec spec;

    public FileSource(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException {
        Path target = dir.resolve("content");
        return List.of(new StagedEntry(stage(target, maxBytes), target));
    }

    /** Copies the current content to {@code target}, which must not exist yet. */
    public ManifestEntry stage(Path target, long maxBytes) throws SourceException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            SourceFiles before = SourceFiles.regularFile(spec);
            if (before.size() > maxBytes) {
                throw SourceException.tooLarge(spec, before.size(), maxBytes);
            }
            Sha256.DigestingSink digest = copy(target, maxBytes);
            SourceFiles after = SourceFiles.regularFile(spec);
            if (before.sameAs(after) && digest.count() == after.size()) {
                return new ManifestEntry(spec.name(), SourceKind.FILE, digest.count(),
                        digest.hex(), before.mode(), before.modifiedAt(), spec.sensitive());
            }
            delete(target);
        }
        throw SourceException.of(spec, "it kept changing while it was copied (" + ATTEMPTS
                + " attempts)");
    }

    private Sha256.DigestingSink copy(Path target, long maxBytes) throws SourceException {
        Sha256.DigestingSink digest = new Sha256.DigestingSink();
        // NOFOLLOW_LINKS also at open: the path cannot be swapped for a link after the check.
        try (InputStream in = Files.newInputStream(spec.path(), LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (digest.count() + n > maxBytes) {
                    throw SourceException.tooLarge(spec, digest.count() + n, maxBytes);
                }
                out.write(buffer, 0, n);
                digest.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot copy it (" + SourceFiles.reason(e) + ")", e);
        }
        return digest;
    }

    private void delete(Path target) throws SourceException {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot remove a stale copy", e);
        }
    }
}
