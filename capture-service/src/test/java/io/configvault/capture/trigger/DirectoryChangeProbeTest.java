package io.configvault.capture.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.source.DirectorySource;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.source.DirectoryTree;
import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryChangeProbeTest {

    @TempDir
    Path dir;

    @Test
    void seesSelectedFilesChangeButNotReadsOrExcludedFiles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("avatars"));
        Path ada = Files.writeString(root.resolve("ada.png"), "png");
        SourceSpec spec = new SourceSpec("avatars", SourceKind.DIRECTORY, root, false);
        DirectoryTree tree = new DirectoryTree(root, List.of("**.png"), List.of("tmp"));
        DirectoryChangeProbe probe = new DirectoryChangeProbe(spec, tree);
        assertThat(probe.changed()).isFalse();

        new DirectorySource(spec, tree).stageEntries(Files.createDirectory(dir.resolve("s")),
                Long.MAX_VALUE);
        Files.writeString(root.resolve("notes.txt"), "not selected");
        Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("tmp/upload.png"), "excluded");
        assertThat(probe.changed()).isFalse();

        Files.writeString(ada, "png2");
        assertThat(probe.changed()).isTrue();
        assertThat(probe.changed()).isFalse();

        Files.setLastModifiedTime(ada, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(probe.changed()).isTrue();

        Files.createDirectories(root.resolve("2025"));
        Files.writeString(root.resolve("2025/grace.png"), "png");
        assertThat(probe.changed()).isTrue();

        Files.delete(root.resolve("2025/grace.png"));
        assertThat(probe.changed()).isTrue();
        assertThat(probe.changed()).isFalse();
    }

    @Test
    void aDirectoryAppearingOrDisappearingIsAChange() throws Exception {
        Path root = dir.resolve("later");
        SourceSpec spec = new SourceSpec("later", SourceKind.DIRECTORY, root, false);
        DirectoryChangeProbe probe = new DirectoryChangeProbe(spec,
                new DirectoryTree(root, List.of(), List.of()));
        assertThat(probe.changed()).isFalse();

        Files.createDirectories(root);
        Files.writeString(root.resolve("a"), "a");
        assertThat(probe.changed()).isTrue();

        Files.delete(root.resolve("a"));
        Files.delete(root);
        assertThat(probe.changed()).isTrue();
        assertThat(probe.changed()).isFalse();
    }

    @Test
    void eachWatchedKindGetsItsProbe() {
        Path root = dir.resolve("tree");
        assertThat(ChangeTrigger.probe(new DirectorySource(
                new SourceSpec("tree", SourceKind.DIRECTORY, root, false),
                new DirectoryTree(root, List.of(), List.of()))))
                .isInstanceOf(DirectoryChangeProbe.class);
        assertThat(ChangeTrigger.probe(new SqliteSource(
                new SourceSpec("config.db", SourceKind.SQLITE, dir.resolve("config.db"), false))))
                .isInstanceOf(SqliteChangeProbe.class);
        assertThat(ChangeTrigger.probe(new FileSource(
                new SourceSpec("app.conf", SourceKind.FILE, dir.resolve("app.conf"), false))))
                .isInstanceOf(FileChangeProbe.class);
    }
}
