package io.configvault.shared.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a bundle: {@code manifest.json} first, then each manifest entry, streamed from the file
 * that holds its content. Stateless and thread-safe.
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    /**
     * @param contents the staged file of every manifest entry, by entry name; each file's size
     *                 must equal the manifest's (the caller computed the manifest from them)
     * @param out      receives the tar; it is finished but not closed
     */
    public static void write(Manifest manifest, Map<String, Path> contents, OutputStream out)
            throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        byte[] manifestBytes = ManifestCodec.encode(manifest);
        TarArchiveEntry head = entry(EntryNames.MANIFEST, manifestBytes.length, 0644,
                manifest.capturedAt());
        tar.putArchiveEntry(head);
        tar.write(manifestBytes);
        tar.closeArchiveEntry();
        for (ManifestEntry entry : manifest.entries()) {
            Path file = contents.get(entry.name());
            if (file == null || Files.size(file) != entry.size()) {
                throw new IOException("Cannot write bundle entry " + entry.name()
                        + ": its staged content is missing or changed size");
            }
            Instant mtime = entry.modifiedAt() != null ? entry.modifiedAt() : manifest.capturedAt();
            tar.putArchiveEntry(entry(entry.name(), entry.size(), entry.mode(), mtime));
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.close();
    }

    private static TarArchiveEntry entry(String name, long size, int mode, Instant mtime) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setModTime(mtime.toEpochMilli());
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    /** Lets the tar stream close itself (flushing its blocks) without closing the target. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
