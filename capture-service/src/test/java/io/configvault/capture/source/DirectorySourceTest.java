package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.testing.Fixtures;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

    @TempDir
    Path dir;

    private Path root;
    private Path staging;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(dir.resolve("etc/passbolt"));
        staging = Files.createDirectories(dir.resolve("staging"));
    }

    @Test
    void capturesTheSelectedFilesInNameOrderWithModeAndModificationTime() throws Exception {
        Path php = Files.writeString(root.resolve("passbolt.php"), "<?php return [];");
        Files.setPosixFilePermissions(php, PosixFilePermissions.fromString("rw-r-----"));
        Instant mtime = Instant.parse("2025-03-01T10:15:30.123456789Z");
        Files.setLastModifiedTime(php, FileTime.from(mtime));
        Files.createDirectories(root.resolve("jwt"));
        Files.writeString(root.resolve("jwt/jwt.key"), "JWT KEY");
        Files.createDirectories(root.resolve("cache/deep"));
        Files.writeString(root.resolve("cache/deep/junk"), "junk");
        Files.writeString(root.resolve("app.php.bak"), "old");
        Files.writeString(root.resolve("a.php"), "first");

        List<StagedEntry> staged = source(List.of("**.php", "**.key"), List.of("cache"))
                .stageEntries(staging, Long.MAX_VALUE);

        assertThat(staged).extracting(e -> e.entry().name()).containsExactly(
                "passbolt-config/a.php", "passbolt-config/jwt/jwt.key",
                "passbolt-config/passbolt.php");
        StagedEntry config = staged.get(2);
        assertThat(config.content()).hasContent("<?php return [];").startsWith(staging);
        assertThat(config.entry()).isEqualTo(new ManifestEntry("passbolt-config/passbolt.php",
                SourceKind.DIRECTORY, 16, Sha256.of(config.content()), 0640, mtime, true));
    }

    @Test
    void withoutIncludePatternsEveryFileIsCaptured() throws Exception {
        Files.writeString(root.resolve("b"), "b");
        Files.createDirectories(root.resolve("sub/empty"));
        Files.writeString(root.resolve("sub/a"), "a");

        assertThat(source(List.of(), List.of()).stageEntries(staging, Long.MAX_VALUE))
                .extracting(e -> e.entry().name())
                .containsExactly("passbolt-config/b", "passbolt-config/sub/a");
    }

    @Test
    void refusesASymbolicLinkPointingOutOfTheSource() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$...");
        Files.createSymbolicLink(root.resolve("passwords.php"), secret);

        assertThatThrownBy(() -> source(List.of(), List.of()).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt-config' (" + root + "):"
                        + " 'passwords.php' is a symbolic link to " + secret + ", outside the"
                        + " source; symbolic links are never captured: remove it or exclude it");
    }

    @Test
    void refusesASymbolicLinkPointingInsideTheSource() throws Exception {
        Files.writeString(root.resolve("passbolt.php"), "x");
        Files.createSymbolicLink(root.resolve("current.php"), Path.of("passbolt.php"));

        assertThatThrownBy(() -> source(List.of(), List.of()).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt-config' (" + root + "):"
                        + " 'current.php' is a symbolic link to passbolt.php inside the source;"
                        + " symbolic links are never captured: remove it or exclude it");
    }

    @Test
    void neverEntersALinkedDirectory() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("id_rsa"), "PRIVATE");
        Files.createSymbolicLink(root.resolve("gpg"), outside);

        assertThatThrownBy(() -> source(List.of("**"), List.of()).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("'gpg' is a symbolic link to " + outside + ", outside");
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void anExcludedOrUnselectedLinkIsNoProblem() throws Exception {
        Files.writeString(root.resolve("passbolt.php"), "x");
        Files.createSymbolicLink(root.resolve("current.php"), Path.of("passbolt.php"));
        Files.createSymbolicLink(root.resolve("motd"), dir.resolve("motd"));

        assertThat(source(List.of("*.php"), List.of("current.php"))
                .stageEntries(staging, Long.MAX_VALUE))
                .extracting(e -> e.entry().name()).containsExactly("passbolt-config/passbolt.php");
    }

    @Test
    void refusesAPipe() throws Exception {
        Path fifo = Fixtures.mkfifo(root.resolve("events"));

        assertThatThrownBy(() -> source(List.of(), List.of()).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt-config' (" + root + "): 'events' is a"
                        + " device, socket or pipe, not a regular file: exclude it");
        assertThat(fifo).exists();
    }

    @Test
    void refusesAFileWhoseNameCannotBeAnEntryName() throws Exception {
        Files.writeString(root.resolve("c:drive"), "x");

        assertThatThrownBy(() -> source(List.of(), List.of()).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt-config' (" + root + "): 'c:drive'"
                        + " cannot be named in a snapshot (character ':' is not allowed):"
                        + " rename it or exclude it");
    }

    @Test
    void aMissingDirectoryIsReportedAsMissing() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> new DirectorySource(spec(missing),
                new DirectoryTree(missing, List.of(), List.of())).stageEntries(staging, 1))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.missing()).isTrue())
                .hasMessage("Cannot stage source 'passbolt-config' (" + missing + "): it does"
                        + " not exist");
    }

    @Test
    void refusesARootThatIsALinkOrAFile() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), root);
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> new DirectorySource(spec(link),
                new DirectoryTree(link, List.of(), List.of())).stageEntries(staging, 1))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.missing()).isFalse())
                .hasMessage("Cannot stage source 'passbolt-config' (" + link + "): it is a"
                        + " symbolic link; configure the directory it points to instead");
        assertThatThrownBy(() -> new DirectorySource(spec(file),
                new DirectoryTree(file, List.of(), List.of())).stageEntries(staging, 1))
                .hasMessage("Cannot stage source 'passbolt-config' (" + file + "): it is not a"
                        + " directory");
    }

    @Test
    void refusesFilesBeyondTheBudget() throws Exception {
        Files.write(root.resolve("a"), new byte[3000]);
        Files.write(root.resolve("b"), new byte[3000]);

        assertThatThrownBy(() -> source(List.of(), List.of()).stageEntries(staging, 5000))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.tooLarge()).isTrue())
                .hasMessage("Cannot stage source 'passbolt-config' (" + root + "): 'b' holds"
                        + " 3000 bytes, more than the 2000 bytes left within"
                        + " capture.max-snapshot-bytes");
    }

    @Test
    void globsAreRelativeAndValid() {
        assertThat(DirectoryTree.globProblem("**.png")).isNull();
        assertThat(DirectoryTree.globProblem("/etc/*.png")).isEqualTo("the pattern /etc/*.png"
                + " is absolute; patterns are relative to the directory");
        assertThat(DirectoryTree.globProblem("../*.png")).isEqualTo("the pattern ../*.png has"
                + " a '.' or '..' segment");
        assertThat(DirectoryTree.globProblem("{a,b")).startsWith("the pattern {a,b is not a"
                + " valid glob (");
    }

    private DirectorySource source(List<String> include, List<String> exclude) {
        return new DirectorySource(spec(root), new DirectoryTree(root, include, exclude));
    }

    private static SourceSpec spec(Path path) {
        return new SourceSpec("passbolt-config", SourceKind.DIRECTORY, path, true);
    }
}
