package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    @Test
    void copiesARegularFileWithItsModeAndModificationTime() throws Exception {
        Path key = Files.writeString(dir.resolve("ssh_host_ed25519_key"), "PRIVATE KEY");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Instant mtime = Instant.parse("2025-03-01T10:15:30Z");
        Files.setLastModifiedTime(key, FileTime.from(mtime));
        Path copy = dir.resolve("copy");

        ManifestEntry entry = source(key).stage(copy, Long.MAX_VALUE);

        assertThat(copy).hasContent("PRIVATE KEY");
        assertThat(entry).isEqualTo(new ManifestEntry("ssh/ssh_host_ed25519_key",
                SourceKind.FILE, 11, Sha256.of(copy), 0600, mtime, true));
    }

    @Test
    void refusesASymbolicLink() throws Exception {
        Path target = Files.writeString(dir.resolve("shadow"), "root:x:...");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);

        assertThatThrownBy(() -> source(link).stage(dir.resolve("copy"), Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'ssh/ssh_host_ed25519_key' (" + link + "): it is"
                        + " a symbolic link; configure the file it points to instead");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    @Test
    void refusesADirectory() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("etc"));

        assertThatThrownBy(() -> source(directory).stage(dir.resolve("copy"), Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'ssh/ssh_host_ed25519_key' (" + directory
                        + "): it is not a regular file (a directory)");
    }

    @Test
    void refusesAMissingFile() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> source(missing).stage(dir.resolve("copy"), Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessageEndingWith("it does not exist");
    }

    @Test
    void refusesAFileLargerThanTheBudget() throws Exception {
        Path big = Files.write(dir.resolve("big"), new byte[4096]);

        assertThatThrownBy(() -> source(big).stage(dir.resolve("copy"), 4095))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageEndingWith("it holds 4096 bytes, more than the 4095 bytes left within"
                        + " capture.max-snapshot-bytes");
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    private static FileSource source(Path path) {
        return new FileSource(new SourceSpec("ssh/ssh_host_ed25519_key", SourceKind.FILE, path,
                true));
    }
}
