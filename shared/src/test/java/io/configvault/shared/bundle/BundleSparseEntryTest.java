package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Tar's own decompression bomb: a sparse entry stores a map of data and holes and reads back as
 * its "real size", the holes as zeros. Without a check, 2.5 KB of tar made the reader hash
 * 2 GiB of zeros for one entry (10,000 entries allowed), whatever the size in the manifest.
 */
class BundleSparseEntryTest {

    private static final String EMPTY_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void refusesAPaxSparseEntryBeforeReadingItsHoles() throws Exception {
        byte[] bundle = bundle((tar, name) -> {
            byte[] pax = (record("GNU.sparse.numblocks", "1")
                    + record("GNU.sparse.size", Integer.toString(Integer.MAX_VALUE))
                    + record("GNU.sparse.map", Integer.MAX_VALUE + ",0"))
                    .getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + name,
                    TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC, true);
            header.setSize(pax.length);
            tar.putArchiveEntry(header);
            tar.write(pax);
            tar.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(0);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle entry 'config.db' is a sparse file;"
                        + " only plain regular files are accepted");
    }

    @Test
    void refusesAnOldGnuSparseEntry() throws Exception {
        byte[] bundle = bundle((tar, name) -> {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_GNUTYPE_SPARSE,
                    true);
            entry.setSize(0);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle entry 'config.db' is a sparse file;"
                        + " only plain regular files are accepted");
    }

    @FunctionalInterface
    private interface EntryWriter {
        void write(TarArchiveOutputStream tar, String name) throws IOException;
    }

    /** manifest.json listing an empty config.db, then config.db as {@code writer} writes it. */
    private byte[] bundle(EntryWriter writer) throws IOException {
        Manifest manifest = BundleFixtures.manifest(List.of(new ManifestEntry(
                "config.db", SourceKind.SQLITE, 0, EMPTY_SHA256, 0600,
                BundleFixtures.CAPTURED_AT, true)));
        byte[] json = ManifestCodec.encode(manifest);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry head = new TarArchiveEntry(EntryNames.MANIFEST, true);
            head.setSize(json.length);
            tar.putArchiveEntry(head);
            tar.write(json);
            tar.closeArchiveEntry();
            writer.write(tar, "config.db");
        }
        return out.toByteArray();
    }

    /** One PAX extended header record: {@code "<length> <key>=<value>\n"}, length included. */
    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + Integer.toString(body.length()).length();
        if (Integer.toString(length).length() != Integer.toString(body.length()).length()) {
            length++;
        }
        return length + body;
    }
}
