package io.configvault.shared.bundle;

import java.io.IOException;
import java.io.InputStream;
import io.configvault.shared.io.Sha256;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a bundle as a stream and checks it against its own manifest: the manifest comes first,
 * every following entry is a regular file named, sized and ordered exactly as the manifest says,
 * its SHA-256 matches, and nothing follows the last entry. Links, directories, devices and
 * sparse files (which expand while read) are refused. Memory use is bounded by the manifest limit, whatever the entry sizes.
 * Stateless and thread-safe.
 */
public final class BundleReader {

    /** Receives each entry's content while it streams; it may read all, part or none of it. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(ManifestEntry entry, InputStream content) throws IOException;
    }

    /** A sink that only lets the reader verify digests. */
    public static final EntrySink DISCARD = (entry, content) -> { };

    private BundleReader() {
    }

    /**
     * Reads and verifies the whole bundle.
     *
     * @return the manifest, once every entry has been seen and verified
     * @throws BundleFormatException when the bundle breaks a rule (permanent)
     * @throws IOException           when reading the stream or the sink fails
     */
    public static Manifest read(InputStream bundle, BundleLimits limits, EntrySink sink)
            throws BundleFormatException, IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(bundle);
        Manifest manifest = readManifest(tar, limits);
        for (ManifestEntry expected : manifest.entries()) {
            TarArchiveEntry actual = next(tar);
            if (actual == null) {
                throw new BundleFormatException("bundle ends before entry " + expected.name());
            }
            requireRegularFile(actual);
            if (!actual.getName().equals(expected.name())) {
                throw new BundleFormatException("bundle entry " + describe(actual.getName())
                        + " is not the expected " + expected.name());
            }
            if (actual.getSize() != expected.size()) {
                throw new BundleFormatException("bundle entry " + expected.name() + " has "
                        + actual.getSize() + " bytes, the manifest says " + expected.size());
            }
            MessageDigest sha256 = Sha256.newDigest();
            DigestInputStream content = new DigestInputStream(new EntryStream(tar), sha256);
            sink.accept(expected, content);
            content.transferTo(java.io.OutputStream.nullOutputStream());
            String digest = Sha256.hex(sha256);
            if (!digest.equals(expected.sha256())) {
                throw new BundleFormatException("bundle entry " + expected.name()
                        + " does not match its SHA-256 in the manifest");
            }
        }
        TarArchiveEntry extra = next(tar);
        if (extra != null) {
            throw new BundleFormatException("bundle has an entry the manifest does not list: "
                    + describe(extra.getName()));
        }
        return manifest;
    }

    private static Manifest readManifest(TarArchiveInputStream tar, BundleLimits limits)
            throws BundleFormatException, IOException {
        TarArchiveEntry first = next(tar);
        if (first == null || !first.getName().equals(EntryNames.MANIFEST)) {
            throw new BundleFormatException("bundle does not start with " + EntryNames.MANIFEST);
        }
        requireRegularFile(first);
        if (first.getSize() > ManifestCodec.MAX_MANIFEST_BYTES) {
            throw new BundleFormatException("manifest larger than "
                    + ManifestCodec.MAX_MANIFEST_BYTES + " bytes");
        }
        byte[] bytes = tar.readNBytes((int) first.getSize());
        Manifest manifest = ManifestCodec.decode(bytes, limits.maxEntries());
        if (manifest.entriesBytes() > limits.maxTotalBytes()) {
            throw new BundleFormatException("bundle entries total " + manifest.entriesBytes()
                    + " bytes, more than the limit of " + limits.maxTotalBytes());
        }
        return manifest;
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar)
            throws BundleFormatException, IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("bundle is not a valid tar archive", e);
        } catch (IOException e) {
            if (e.getClass() == IOException.class || e instanceof java.io.EOFException) {
                throw new BundleFormatException("bundle is not a valid tar archive", e);
            }
            throw e;
        }
    }

    private static void requireRegularFile(TarArchiveEntry entry) throws BundleFormatException {
        if (entry.isSparse()) {
            // A sparse entry reads back as its "real size", holes filled with zeros: a few
            // hundred bytes of tar could make the reader hash gigabytes per entry, a
            // decompression bomb in tar's own format. Our writer never makes one.
            throw new BundleFormatException("bundle entry " + describe(entry.getName())
                    + " is a sparse file; only plain regular files are accepted");
        }
        if (!entry.isFile() || entry.isLink() || entry.isSymbolicLink()) {
            throw new BundleFormatException("bundle entry " + describe(entry.getName())
                    + " is not a regular file");
        }
        String problem = entry.getName().equals(EntryNames.MANIFEST)
                ? null : EntryNames.problem(entry.getName());
        if (problem != null) {
            throw new BundleFormatException("bundle entry " + describe(entry.getName())
                    + " has an invalid name: " + problem);
        }
    }

    private static String describe(String name) {
        return io.configvault.shared.snapshot.Identifiers.printable(name);
    }

    /** The current tar entry's content; closing it does not close the archive. */
    private static final class EntryStream extends java.io.FilterInputStream {
        EntryStream(InputStream tar) {
            super(tar);
        }

        @Override
        public void close() {
        }
    }
}
