package io.configvault.shared.bundle;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Identifiers;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a bundle as a stream and checks it against its own manifest: the manifest comes first,
 * every following entry is a regular file named, sized and ordered exactly as the manifest says,
 * its SHA-256 matches, and nothing follows the last entry. Links, directories, devices, FIFOs,
 * sparse files and headers with a wrong checksum are refused. Memory use is bounded by the
 * manifest limit and {@link #MAX_ENTRY_METADATA_BYTES}, whatever sizes the headers declare.
 *
 * <p>A bundle that breaks a rule, including one that is truncated or not tar at all, fails with
 * a {@link BundleFormatException}; an {@link IOException} means that the caller's stream or the
 * sink failed, and reading the same bytes again may succeed. Stateless and thread-safe.
 */
public final class BundleReader {

    /** Receives each entry's content while it streams; it may read all, part or none of it. */
    @FunctionalInterface
    public interface EntrySink {
        void accept(ManifestEntry entry, InputStream content) throws IOException;
    }

    /** A sink that only lets the reader verify digests. */
    public static final EntrySink DISCARD = (entry, content) -> { };

    /**
     * The most the reader lets the tar parser consume between two entries: padding, the header,
     * and any pax header or GNU long name before it. Names are at most 255 characters
     * ({@link EntryNames}), so the writer's own pax headers need well under 2 KiB.
     */
    static final int MAX_ENTRY_METADATA_BYTES = 64 * 1024;

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
        TarSource source = new TarSource(bundle);
        TarArchiveInputStream tar = new TarArchiveInputStream(source);
        Manifest manifest = readManifest(tar, source, limits);
        for (ManifestEntry expected : manifest.entries()) {
            TarArchiveEntry actual = next(tar, source);
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
            verifyContent(expected, tar, source, sink);
        }
        TarArchiveEntry extra = next(tar, source);
        if (extra != null) {
            throw new BundleFormatException("bundle has an entry the manifest does not list: "
                    + describe(extra.getName()));
        }
        return manifest;
    }

    /**
     * Reads only the manifest, the bundle's first entry, and nothing after it: for a bundle
     * whose integrity is already established (its digest matched a trusted one), when only the
     * manifest is wanted.
     *
     * @throws BundleFormatException when the first entry is not a valid manifest (permanent)
     * @throws IOException           when reading the stream fails
     */
    public static Manifest readManifest(InputStream bundle, BundleLimits limits)
            throws BundleFormatException, IOException {
        TarSource source = new TarSource(bundle);
        return readManifest(new TarArchiveInputStream(source), source, limits);
    }

    private static Manifest readManifest(TarArchiveInputStream tar, TarSource source,
                                         BundleLimits limits)
            throws BundleFormatException, IOException {
        TarArchiveEntry first = next(tar, source);
        if (first == null || !first.getName().equals(EntryNames.MANIFEST)) {
            throw new BundleFormatException("bundle does not start with " + EntryNames.MANIFEST);
        }
        requireRegularFile(first);
        if (first.getSize() > ManifestCodec.MAX_MANIFEST_BYTES) {
            throw new BundleFormatException("manifest larger than "
                    + ManifestCodec.MAX_MANIFEST_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = tar.readNBytes((int) first.getSize());
        } catch (IOException e) {
            throw unlessSourceFailed(e, source, "the manifest is truncated or unreadable");
        }
        Manifest manifest = ManifestCodec.decode(bytes, limits.maxEntries());
        if (manifest.entriesBytes() > limits.maxTotalBytes()) {
            throw new BundleFormatException("bundle entries total " + manifest.entriesBytes()
                    + " bytes, more than the limit of " + limits.maxTotalBytes());
        }
        return manifest;
    }

    /** Streams one entry through the sink and checks its digest. */
    private static void verifyContent(ManifestEntry expected, TarArchiveInputStream tar,
                                      TarSource source, EntrySink sink)
            throws BundleFormatException, IOException {
        MessageDigest sha256 = Sha256.newDigest();
        EntryStream entry = new EntryStream(tar);
        DigestInputStream content = new DigestInputStream(entry, sha256);
        try {
            sink.accept(expected, content);
            content.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // The sink may have caught and wrapped the parser's exception, so the entry stream
            // remembers whether the tar itself failed.
            if (entry.tarFailure != null) {
                throw unlessSourceFailed(entry.tarFailure, source, "entry " + expected.name()
                        + " is truncated or unreadable");
            }
            throw e;
        }
        if (entry.tarFailure != null) { // the sink swallowed it
            throw unlessSourceFailed(entry.tarFailure, source, "entry " + expected.name()
                    + " is truncated or unreadable");
        }
        if (!Sha256.hex(sha256).equals(expected.sha256())) {
            throw new BundleFormatException("bundle entry " + expected.name()
                    + " does not match its SHA-256 in the manifest");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, TarSource source)
            throws BundleFormatException, IOException {
        source.limitTo(MAX_ENTRY_METADATA_BYTES);
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException("bundle is not a valid tar archive", e);
        } catch (TarSource.MetadataTooLarge e) {
            throw new BundleFormatException("bundle is not a valid tar archive: more than "
                    + MAX_ENTRY_METADATA_BYTES + " bytes of headers before an entry", e);
        } catch (IOException e) {
            throw unlessSourceFailed(e, source, "a header is truncated or unreadable");
        } finally {
            source.unlimited();
        }
    }

    /**
     * Sorts a failure of the tar parser: the caller's stream failing is worth a retry; anything
     * else is the bundle's own fault.
     */
    private static IOException unlessSourceFailed(IOException e, TarSource source, String problem)
            throws BundleFormatException {
        if (source.failed()) {
            return e;
        }
        throw new BundleFormatException("bundle is not a valid tar archive: " + problem, e);
    }

    private static void requireRegularFile(TarArchiveEntry entry) throws BundleFormatException {
        if (!entry.isCheckSumOK()) {
            throw new BundleFormatException("bundle entry " + describe(entry.getName())
                    + " has a tar header with a wrong checksum");
        }
        if (entry.isSparse()) {
            // A sparse entry reads back as its "real size", holes filled with zeros: a few
            // hundred bytes of tar could make the reader hash gigabytes per entry, a
            // decompression bomb in tar's own format. Our writer never makes one.
            throw new BundleFormatException("bundle entry " + describe(entry.getName())
                    + " is a sparse file; only plain regular files are accepted");
        }
        byte type = entry.getLinkFlag();
        boolean regular = type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM;
        // An old-style (type 0) entry whose name ends in '/' is a directory.
        if (!regular || entry.isDirectory()) {
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
        return Identifiers.printable(name);
    }

    /**
     * The current tar entry's content; closing it does not close the archive. Remembers a
     * failure of the tar parser, however the sink reports it.
     */
    private static final class EntryStream extends FilterInputStream {
        private IOException tarFailure;

        EntryStream(InputStream tar) {
            super(tar);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                tarFailure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                tarFailure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                tarFailure = e;
                throw e;
            }
        }

        @Override
        public void close() {
        }
    }
}
