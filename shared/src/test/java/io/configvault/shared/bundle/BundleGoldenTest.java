package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundle format 1 byte for byte: the writer must keep producing {@code golden/bundle-v1.tar} and
 * the reader must keep accepting it. A change here is a format change: bump the format version.
 */
class BundleGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden/bundle-v1.tar");
    static final Map<String, String> CONTENT = new LinkedHashMap<>();

    static {
        CONTENT.put("config.db", "not really a database, but fixed bytes\n");
        CONTENT.put("ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAATESTONLY root@golden\n");
    }

    @TempDir
    Path dir;

    static Manifest manifest() {
        return BundleFixtures.manifest(List.of(
                entry("config.db", SourceKind.SQLITE, 0600, true),
                entry("ssh/ssh_host_ed25519_key.pub", SourceKind.FILE, 0644, false)));
    }

    private static ManifestEntry entry(String name, SourceKind kind, int mode, boolean sensitive) {
        byte[] bytes = CONTENT.get(name).getBytes(StandardCharsets.UTF_8);
        return new ManifestEntry(name, kind, bytes.length, Sha256.of(bytes), mode,
                Instant.parse("2026-11-22T03:00:00Z"), sensitive);
    }

    byte[] write() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : CONTENT.entrySet()) {
            Path file = dir.resolve(Integer.toString(files.size()));
            Files.writeString(file, e.getValue());
            files.put(e.getKey(), file);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleWriter.write(manifest(), files, out);
        return out.toByteArray();
    }

    @Test
    void theWriterProducesTheGoldenBundle() throws Exception {
        assertThat(write()).isEqualTo(Files.readAllBytes(GOLDEN));
    }

    @Test
    void theReaderAcceptsTheGoldenBundle() throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(GOLDEN)) {
            Manifest read = BundleReader.read(in, BundleLimits.DEFAULT, (entry, content) ->
                    seen.put(entry.name(), new String(content.readAllBytes(), StandardCharsets.UTF_8)));
            assertThat(read).isEqualTo(manifest());
        }
        assertThat(seen).isEqualTo(CONTENT);
    }
}
