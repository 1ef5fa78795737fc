package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class SqliteSourceTest {

    @TempDir
    Path dir;

    @Test
    void copiesALiveWalDatabaseWhileAnotherConnectionWrites() throws Exception {
        Path live = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(live)) {
            db.put("hostname", "nas-17");
        }
        SqliteSource source = new SqliteSource(
                new SourceSpec("config.db", SourceKind.SQLITE, live, true));
        try (LiveDatabase.Writer writer = LiveDatabase.startWriter(live)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.commits() > 50);
            for (int i = 0; i < 5; i++) {
                Path copy = dir.resolve("copy-" + i + ".db");
                long before = writer.commits();
                ManifestEntry entry = source.stage(copy, Long.MAX_VALUE);

                assertThat(integrityCheck(copy)).isEqualTo("ok");
                assertThat(LiveDatabase.rowsOf(copy)).containsEntry("hostname", "nas-17");
                assertThat(entry.kind()).isEqualTo(SourceKind.SQLITE);
                assertThat(entry.size()).isEqualTo(Files.size(copy));
                assertThat(entry.sha256()).isEqualTo(Sha256.of(copy));
                assertThat(entry.sensitive()).isTrue();
                assertThat(entry.mode()).isBetween(0, 07777);
                assertThat(entry.modifiedAt()).isNotNull();
                // The writer kept committing while the copy was taken.
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.commits() > before);
            }
        }
    }

    @Test
    void theCopyIsOneSelfContainedFile() throws Exception {
        Path live = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(live)) {
            db.put("k", "v");
            Path copy = dir.resolve("copy.db");
            new SqliteSource(new SourceSpec("config.db", SourceKind.SQLITE, live, false))
                    .stage(copy, Long.MAX_VALUE);

            assertThat(dir.resolve("copy.db-wal")).doesNotExist();
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
                 Statement statement = connection.createStatement();
                 ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.getString(1)).isEqualTo("delete");
            }
        }
    }

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path notDb = Files.writeString(dir.resolve("config.db"), "not a database, just text "
                .repeat(100));
        SqliteSource source = new SqliteSource(
                new SourceSpec("config.db", SourceKind.SQLITE, notDb, false));

        assertThatThrownBy(() -> source.stage(dir.resolve("copy.db"), Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot stage source 'config.db' (" + notDb + "): SQLite"
                        + " cannot copy it");
    }

    @Test
    void refusesAMissingDatabaseWithoutCreatingIt() {
        Path missing = dir.resolve("missing.db");
        SqliteSource source = new SqliteSource(
                new SourceSpec("config.db", SourceKind.SQLITE, missing, false));

        assertThatThrownBy(() -> source.stage(dir.resolve("copy.db"), Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'config.db' (" + missing + "): it does not"
                        + " exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void refusesADatabaseLargerThanTheBudget() throws Exception {
        Path live = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(live)) {
            db.put("big", "x".repeat(100_000));
        }
        SqliteSource source = new SqliteSource(
                new SourceSpec("config.db", SourceKind.SQLITE, live, false));

        assertThatThrownBy(() -> source.stage(dir.resolve("copy.db"), 10_000))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.tooLarge()).isTrue())
                .hasMessageContaining("more than the 10000 bytes left within"
                        + " capture.max-snapshot-bytes");
    }

    private static String integrityCheck(Path database) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            return result.getString(1);
        }
    }
}
