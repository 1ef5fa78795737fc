package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the bundle reader sorts failures: the bundle's own faults (truncation, odd entry types,
 * corrupt headers, oversized metadata) are permanent {@link BundleFormatException}s, while a
 * failing source stream or sink stays an {@link IOException} worth retrying. Found by and kept
 * alongside {@link BundleReaderFuzzTest}.
 */
class BundleReaderFailureTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    @Test
    void aBundleCutAnywhereIsAFormatErrorNeverAnIoError() throws Exception {
        byte[] bundle = bundle(Map.of("a.conf", "a".repeat(5000)));

        for (int length = 0; length < 7 * 512; length += 97) {
            byte[] cut = Arrays.copyOf(bundle, length);
            assertThatThrownBy(() -> read(cut)).as("cut at %d", length)
                    .isInstanceOf(BundleFormatException.class);
        }
    }

    @Test
    void aFailingSourceStaysAnIoErrorWhereverItFails() throws Exception {
        byte[] bundle = bundle(Map.of("a.conf", "a".repeat(5000)));
        IOException failure = new IOException("disk unreadable");

        for (int at : new int[] {0, 100, 600, 1600, 3000}) {
            InputStream failing = new SequenceInputStream(
                    new ByteArrayInputStream(bundle, 0, at), new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw failure;
                        }
                    });
            assertThatThrownBy(() -> BundleReader.read(failing, BundleLimits.DEFAULT,
                    BundleReader.DISCARD)).as("failing at %d", at).isSameAs(failure);
        }
    }

    @Test
    void aSinkFailureIsPassedOnAsItIs() throws Exception {
        byte[] bundle = bundle(Map.of("a.conf", "alpha"));
        IOException full = new IOException("No space left on device");

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                BundleLimits.DEFAULT, (entry, content) -> {
                    throw full;
                })).isSameAs(full);
    }

    @Test
    void aTruncationStaysAFormatErrorWhenTheSinkSwallowsOrWrapsIt() throws Exception {
        byte[] cut = Arrays.copyOf(bundle(Map.of("a.conf", "a".repeat(5000))), 2048);

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(cut),
                BundleLimits.DEFAULT, (entry, content) -> {
                    try {
                        content.readAllBytes();
                    } catch (IOException swallowed) {
                        // a careless sink
                    }
                })).isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle is not a valid tar archive: entry a.conf is truncated or"
                        + " unreadable");
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(cut),
                BundleLimits.DEFAULT, (entry, content) -> {
                    try {
                        content.readAllBytes();
                    } catch (IOException e) {
                        throw new IOException("Cannot restore " + entry.name(), e);
                    }
                })).isInstanceOf(BundleFormatException.class);
    }

    @Test
    void devicesFifosContiguousAndSparseEntriesAreNotRegularFiles() throws Exception {
        ManifestEntry empty = new ManifestEntry("x", SourceKind.FILE, 0, Sha256.of(new byte[0]),
                0600, Instant.EPOCH, false);
        byte[] manifest = ManifestCodec.encode(BundleFixtures.manifest(List.of(empty)));

        for (byte type : new byte[] {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK,
                TarArchiveEntry.LF_FIFO, TarArchiveEntry.LF_CONTIG, TarArchiveEntry.LF_GNUTYPE_SPARSE}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                TarArchiveEntry head = new TarArchiveEntry(EntryNames.MANIFEST);
                head.setSize(manifest.length);
                tar.putArchiveEntry(head);
                tar.write(manifest);
                tar.closeArchiveEntry();
                tar.putArchiveEntry(new TarArchiveEntry("x", type, true));
                tar.closeArchiveEntry();
            }
            assertThatThrownBy(() -> read(out.toByteArray())).as("type %c", type)
                    .isInstanceOf(BundleFormatException.class)
                    .hasMessage(type == TarArchiveEntry.LF_GNUTYPE_SPARSE
                            ? "bundle entry 'x' is a sparse file; only plain regular files are"
                                    + " accepted"
                            : "bundle entry 'x' is not a regular file");
        }
    }

    @Test
    void aHeaderWithAWrongChecksumIsRefused() throws Exception {
        byte[] bundle = bundle(Map.of("a.conf", "alpha"));
        int header = TarMutator.headers(bundle).get(1);
        bundle[header + 136] ^= 1; // one bit of the mtime, checksum left as it was

        assertThatThrownBy(() -> read(bundle)).isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle entry 'a.conf' has a tar header with a wrong checksum");
    }

    @Test
    void aGnuLongNameOrPaxHeaderOf256MibIsRefusedWithoutBufferingIt() throws Exception {
        for (byte type : new byte[] {TarArchiveEntry.LF_GNUTYPE_LONGNAME,
                TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC}) {
            long size = 256L << 20;
            TarArchiveEntry huge = new TarArchiveEntry("././@LongLink", type, true);
            huge.setSize(size);
            byte[] header = new byte[512];
            huge.writeEntryHeader(header);
            byte[] record = type == TarArchiveEntry.LF_GNUTYPE_LONGNAME ? new byte[0]
                    : (size + " path=").getBytes(StandardCharsets.US_ASCII);
            InputStream bundle = new SequenceInputStream(new ByteArrayInputStream(header),
                    new SequenceInputStream(new ByteArrayInputStream(record), filler(size)));

            long before = THREADS.getCurrentThreadAllocatedBytes();
            assertThatThrownBy(() -> BundleReader.read(bundle, BundleLimits.DEFAULT,
                    BundleReader.DISCARD)).as("type %c", type)
                    .isInstanceOf(BundleFormatException.class)
                    .hasMessageStartingWith("bundle is not a valid tar archive");
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("bytes allocated")
                    .isLessThan(16L << 20);
        }
    }

    private byte[] bundle(Map<String, String> files) throws IOException {
        BundleFixtures.Staged staged = BundleFixtures.stage(dir, files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter.write(staged.manifest(), staged.contents(), out);
        return out.toByteArray();
    }

    private static Manifest read(byte[] bundle) throws Exception {
        return BundleReader.read(new ByteArrayInputStream(bundle), BundleLimits.DEFAULT,
                BundleReader.DISCARD);
    }

    /** {@code length} bytes of 'a', generated as they are read. */
    private static InputStream filler(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 'a');
                left -= n;
                return n;
            }
        };
    }
}
