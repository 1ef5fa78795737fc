package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing configuration files: atomically, keeping their mode, all or nothing. */
class ConfigWriterTest {

    @TempDir
    Path dir;

    @Test
    void replacesFilesKeepingTheirModeAndCreatesNewOnesWithTheManifestMode() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path existing = Files.writeString(etc.resolve("app.conf"), "old\n");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
        Path added = etc.resolve("host_key");

        try (ConfigWriter writer = ConfigWriter.prepare(List.of(
                write("app.conf", existing, "new\n", 0644),
                write("ssh/host_key", added, "KEY\n", 0600)))) {
            assertThat(existing).as("nothing is replaced before commit").hasContent("old");
            writer.commit();
        }

        assertThat(existing).hasContent("new");
        assertThat(Files.getPosixFilePermissions(existing))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(added).hasContent("KEY");
        assertThat(Files.getPosixFilePermissions(added))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(hiddenFiles(etc)).as("no temporary or previous file is left").isEmpty();
    }

    @Test
    void aFileThatCannotBeWrittenNextToItsTargetReplacesNothing() throws Exception {
        Path existing = Files.writeString(dir.resolve("app.conf"), "old\n");
        Path nowhere = dir.resolve("missing-dir/other.conf");

        assertThatThrownBy(() -> ConfigWriter.prepare(List.of(
                write("app.conf", existing, "new\n", 0644),
                write("other.conf", nowhere, "x\n", 0644))))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ROLLED_BACK))
                .hasMessageStartingWith("cannot write the new other.conf next to " + nowhere)
                .hasMessageEndingWith("; nothing was replaced");

        assertThat(existing).hasContent("old");
        assertThat(hiddenFiles(dir)).isEmpty();
    }

    @Test
    void aFailureHalfwayPutsTheVeryPreviousFilesBack() throws Exception {
        Path first = Files.writeString(dir.resolve("a.conf"), "old a\n");
        Path second = Files.writeString(dir.resolve("b.conf"), "old b\n");
        Object firstInode = inode(first);

        try (ConfigWriter writer = ConfigWriter.prepare(List.of(
                write("a.conf", first, "new a\n", 0644),
                write("b.conf", second, "new b\n", 0644)))) {
            // Between the plan and the swap, b.conf turns into a directory.
            Files.delete(second);
            Files.createDirectories(second.resolve("sub"));

            assertThatThrownBy(writer::commit)
                    .isInstanceOfSatisfying(RestoreException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ROLLED_BACK))
                    .hasMessage("cannot install b.conf (" + second + "): " + second
                            + " is no longer a regular file; every file was put back as it was");
        }

        assertThat(first).hasContent("old a");
        assertThat(inode(first)).as("the previous file itself, not a copy").isEqualTo(firstInode);
        assertThat(hiddenFiles(dir)).isEmpty();
    }

    @Test
    void aRestoredDatabaseNeverMeetsTheWalOfTheOneItReplaces() throws Exception {
        Path database = dir.resolve("config.db");
        Path snapshotCopy = dir.resolve("snapshot.db");
        try (LiveDatabase db = LiveDatabase.create(snapshotCopy)) {
            db.put("hostname", "from-snapshot");
        }
        try (Connection vacuum = DriverManager.getConnection("jdbc:sqlite:" + snapshotCopy);
             Statement sql = vacuum.createStatement()) {
            sql.execute("PRAGMA journal_mode = DELETE");
        }
        // The live database: WAL mode, its last commit only in the WAL (no checkpoint yet), and
        // the application still holding it open.
        try (Connection app = walDatabaseWithUncheckpointedRow(database, "live-in-wal")) {
            assertThat(companion(database, "-wal")).isNotEmptyFile();
            Object oldShm = inode(companion(database, "-shm"));

            try (ConfigWriter writer = ConfigWriter.prepare(List.of(
                    new PlannedEntry("config.db", PlannedEntry.Action.CHANGE, SourceKind.SQLITE,
                            database, snapshotCopy, 0600, null, "")))) {
                writer.commit();
            }

            // Without moving the WAL away, SQLite would replay it onto the restored file and
            // this would read "live-in-wal".
            assertThat(LiveDatabase.rowsOf(database)).isEqualTo(Map.of("hostname",
                    "from-snapshot"));
            assertThat(companion(database, "-shm")).as("the shared index of the old WAL")
                    .satisfiesAnyOf(shm -> assertThat(shm).doesNotExist(),
                            shm -> assertThat(inode(shm)).isNotEqualTo(oldShm));
            assertThat(SqliteFiles.usesWal(database))
                    .as("it keeps the journal mode of the database it replaced").isTrue();
        }
        assertThat(LiveDatabase.rowsOf(database)).as("after the old connection closed")
                .isEqualTo(Map.of("hostname", "from-snapshot"));
        assertThat(hiddenFiles(dir)).isEmpty();
    }

    @Test
    void aRolledBackDatabaseGetsItsOwnWalBack() throws Exception {
        Path database = dir.resolve("config.db");
        Path snapshotCopy = dir.resolve("snapshot.db");
        try (LiveDatabase db = LiveDatabase.create(snapshotCopy)) {
            db.put("hostname", "from-snapshot");
        }
        Path other = Files.writeString(dir.resolve("z.conf"), "old z\n");
        try (Connection app = walDatabaseWithUncheckpointedRow(database, "live-in-wal")) {
            try (ConfigWriter writer = ConfigWriter.prepare(List.of(
                    new PlannedEntry("config.db", PlannedEntry.Action.CHANGE, SourceKind.SQLITE,
                            database, snapshotCopy, 0600, null, ""),
                    write("z.conf", other, "new z\n", 0644)))) {
                Files.delete(other);
                Files.createDirectory(other);

                assertThatThrownBy(writer::commit).isInstanceOf(RestoreException.class)
                        .hasMessageEndingWith("every file was put back as it was");
            }
            assertThat(companion(database, "-wal")).isNotEmptyFile();
            assertThat(LiveDatabase.rowsOf(database)).as("the committed row that was only in"
                    + " the WAL").containsEntry("hostname", "live-in-wal");
        }
        assertThat(hiddenFiles(dir)).isEmpty();
    }

    private static Connection walDatabaseWithUncheckpointedRow(Path database, String value)
            throws Exception {
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "checkpointed");
        }
        Connection app = DriverManager.getConnection("jdbc:sqlite:" + database);
        try (Statement sql = app.createStatement()) {
            sql.execute("PRAGMA wal_autocheckpoint = 0");
            sql.execute("UPDATE settings SET value = '" + value + "'");
        }
        return app;
    }

    private static PlannedEntry write(String name, Path target, String content, int mode)
            throws Exception {
        Path file = Files.createTempFile("entry-", ".bin");
        Files.writeString(file, content);
        return new PlannedEntry(name, PlannedEntry.Action.CHANGE, SourceKind.FILE, target, file,
                mode, null, "");
    }

    private static Path companion(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    private static Object inode(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    private static List<Path> hiddenFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
