package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void writesManifestFirstAndReadsBackEveryEntryVerified() throws Exception {
        BundleFixtures.Staged staged = BundleFixtures.stage(dir, Map.of(
                "config.db", "SQLite format 3\0...", "ssh/ssh_host_ed25519_key", "PRIVATE"));
        byte[] bundle = write(staged);

        Map<String, String> seen = new LinkedHashMap<>();
        Manifest read = BundleReader.read(new ByteArrayInputStream(bundle), BundleLimits.DEFAULT,
                (entry, content) -> seen.put(entry.name(),
                        new String(content.readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(read).isEqualTo(staged.manifest());
        assertThat(seen).containsEntry("config.db", "SQLite format 3\0...")
                .containsEntry("ssh/ssh_host_ed25519_key", "PRIVATE");
    }

    @Test
    void refusesAnEntryWhoseContentDoesNotMatchItsDigest() throws Exception {
        BundleFixtures.Staged staged = BundleFixtures.stage(dir, Map.of("app.conf", "x=1\n"));
        byte[] bundle = write(staged);
        flip(bundle, "x=1");

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle entry app.conf does not match its SHA-256 in the manifest");
    }

    @Test
    void refusesABundleThatDoesNotStartWithTheManifest() throws Exception {
        byte[] tar = tar(List.of(new Raw("config.db", "x".getBytes(), TarArchiveEntry.LF_NORMAL)));

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(tar),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle does not start with manifest.json");
    }

    @Test
    void refusesTraversalLinksAndUnlistedEntries() throws Exception {
        BundleFixtures.Staged staged = BundleFixtures.stage(dir, Map.of("a.conf", "a"));
        byte[] manifest = ManifestCodec.encode(staged.manifest());

        byte[] traversal = tar(List.of(new Raw("manifest.json", manifest, TarArchiveEntry.LF_NORMAL),
                new Raw("../a.conf", "a".getBytes(), TarArchiveEntry.LF_NORMAL)));
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(traversal),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .hasMessageContaining("'../a.conf' has an invalid name");

        byte[] link = tar(List.of(new Raw("manifest.json", manifest, TarArchiveEntry.LF_NORMAL),
                new Raw("a.conf", new byte[0], TarArchiveEntry.LF_SYMLINK)));
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(link),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .hasMessage("bundle entry 'a.conf' is not a regular file");

        byte[] extra = tar(List.of(new Raw("manifest.json", manifest, TarArchiveEntry.LF_NORMAL),
                new Raw("a.conf", "a".getBytes(), TarArchiveEntry.LF_NORMAL),
                new Raw("b.conf", "b".getBytes(), TarArchiveEntry.LF_NORMAL)));
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(extra),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .hasMessage("bundle has an entry the manifest does not list: 'b.conf'");
    }

    @Test
    void refusesGarbageAndTruncation() throws Exception {
        assertThatThrownBy(() -> BundleReader.read(
                new ByteArrayInputStream("not a tar at all".repeat(100).getBytes()),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class);

        BundleFixtures.Staged staged = BundleFixtures.stage(dir, Map.of("a.conf", "a".repeat(5000)));
        byte[] bundle = write(staged);
        byte[] truncated = java.util.Arrays.copyOf(bundle, 2048);
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(truncated),
                BundleLimits.DEFAULT, BundleReader.DISCARD))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("bundle is not a valid tar archive: entry a.conf is truncated or"
                        + " unreadable");
    }

    @Test
    void enforcesEntryAndSizeLimitsBeforeReadingEntries() throws Exception {
        BundleFixtures.Staged staged = BundleFixtures.stage(dir,
                Map.of("a.conf", "aaaa", "b.conf", "bbbb"));
        byte[] bundle = write(staged);

        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                new BundleLimits(1, 1 << 20), BundleReader.DISCARD))
                .hasMessage("manifest lists 2 entries, more than the limit of 1");
        assertThatThrownBy(() -> BundleReader.read(new ByteArrayInputStream(bundle),
                new BundleLimits(10, 7), BundleReader.DISCARD))
                .hasMessage("bundle entries total 8 bytes, more than the limit of 7");
    }

    private static byte[] write(BundleFixtures.Staged staged) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter.write(staged.manifest(), staged.contents(), out);
        return out.toByteArray();
    }

    private static void flip(byte[] bytes, String needle) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf(needle);
        bytes[at] ^= 1;
    }

    record Raw(String name, byte[] content, byte type) {
    }

    private static byte[] tar(List<Raw> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Raw raw : entries) {
                TarArchiveEntry entry = new TarArchiveEntry(raw.name(), raw.type(), true);
                if (raw.type() == TarArchiveEntry.LF_SYMLINK) {
                    entry.setLinkName("/etc/shadow");
                } else {
                    entry.setSize(raw.content().length);
                }
                tar.putArchiveEntry(entry);
                tar.write(raw.content());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
