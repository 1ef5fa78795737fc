package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartMd5StreamTest {

    private static final int PART = 1000;

    @TempDir
    Path dir;

    @Test
    void partDigestsEqualARecomputationOfEachPartOfTheFile() throws Exception {
        for (int size : new int[] {1, 999, 1000, 1001, 2000, 4567}) {
            Path file = write(size, new ContentMd5.PartLayout(1, PART));
            ContentMd5 md5 = digests(file, new ContentMd5.PartLayout(1, PART));
            assertThat(md5.parts()).as("size %d", size).isEqualTo(recomputed(file, PART));
            assertThat(md5.whole()).as("above the threshold: no whole digest").isNull();
            assertThat(md5.fits(PART, size)).isTrue();
        }
    }

    @Test
    void belowTheThresholdTheWholeFilesDigestEqualsARecomputation() throws Exception {
        for (int size : new int[] {0, 1, 999, 1000, 1001, 2999}) {
            ContentMd5.PartLayout layout = new ContentMd5.PartLayout(3000, PART);
            Path file = write(size, layout);
            ContentMd5 md5 = digests(file, layout);
            assertThat(md5.whole()).as("size %d", size)
                    .isEqualTo(new FilePart(file, 0, size).md5Base64());
            assertThat(md5.parts()).isEqualTo(recomputed(file, PART));
        }
    }

    @Test
    void withoutPartsOnlyTheWholeFileIsDigested() throws Exception {
        Path file = write(2500, ContentMd5.PartLayout.NONE);
        ContentMd5 md5 = digests(file, ContentMd5.PartLayout.NONE);
        assertThat(md5.whole()).isEqualTo(new FilePart(file, 0, 2500).md5Base64());
        assertThat(md5.parts()).isEmpty();
        assertThat(md5.fits(PART, 2500)).isFalse();
    }

    @Test
    void digestsOfAnotherPartSizeDoNotFit() throws Exception {
        Path file = write(2500, new ContentMd5.PartLayout(1, PART));
        ContentMd5 md5 = digests(file, new ContentMd5.PartLayout(1, PART));
        assertThat(md5.fits(2 * PART, 2500)).isFalse();
        assertThat(md5.fits(PART, 3500)).isFalse();
    }

    private Path write(int size, ContentMd5.PartLayout layout) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve("f" + size + "-" + layout.threshold()), data);
    }

    /** Writes the file through the stream in uneven pieces, some crossing part boundaries. */
    private static ContentMd5 digests(Path file, ContentMd5.PartLayout layout) throws Exception {
        byte[] data = Files.readAllBytes(file);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PartMd5Stream stream = new PartMd5Stream(copy, layout);
        try (OutputStream out = stream) {
            int off = 0;
            for (int piece = 1; off < data.length; piece = piece * 3 % 1777 + 1) {
                int n = Math.min(piece, data.length - off);
                if (n == 1) {
                    out.write(data[off]);
                } else {
                    out.write(data, off, n);
                }
                off += n;
            }
        }
        assertThat(copy.toByteArray()).isEqualTo(data);
        return stream.digests();
    }

    private static List<String> recomputed(Path file, long partSize) throws Exception {
        long size = Files.size(file);
        List<String> parts = new ArrayList<>();
        long offset = 0;
        do {
            FilePart part = new FilePart(file, offset, Math.min(partSize, size - offset));
            parts.add(part.md5Base64());
            offset += part.length();
        } while (offset < size);
        return parts;
    }
}
