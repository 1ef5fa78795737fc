package io.configvault.vault.verify.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import io.configvault.vault.testing.SqliteSnapshots;
import io.configvault.vault.testing.SqliteSnapshots.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteIntegrityCheckTest {

    @TempDir
    Path dir;

    @Test
    void aSoundDatabaseIsOkAndLeftExactlyAsItWas() throws Exception {
        Path db = SqliteSnapshots.database(dir, Db.SOUND, "m");
        String before = Sha256.of(db);

        assertThat(SqliteIntegrityCheck.check(db)).isEqualTo(new SqliteIntegrityCheck.Result.Ok());

        assertThat(Sha256.of(db)).isEqualTo(before);
        assertThat(files()).containsExactly(db.getFileName().toString());
    }

    @Test
    void aDatabaseInWalModeIsCheckedWithoutAnyWalOrShmFile() throws Exception {
        Path db = dir.resolve("wal mode?#%.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE t (x)");
            sql.execute("INSERT INTO t VALUES (1)");
        }
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
        assertThat(Files.readAllBytes(db)[18]).as("WAL in the header").isEqualTo((byte) 2);

        assertThat(SqliteIntegrityCheck.check(db)).isInstanceOf(SqliteIntegrityCheck.Result.Ok.class);

        assertThat(files()).containsExactly("wal mode?#%.db");
    }

    @Test
    void aDamagedDatabaseReportsWhatSqliteFoundBounded() throws Exception {
        Path db = SqliteSnapshots.database(dir, Db.CORRUPT, "m");

        var result = (SqliteIntegrityCheck.Result.Corrupt) SqliteIntegrityCheck.check(db);

        assertThat(result.problems()).isNotEmpty()
                .hasSizeLessThanOrEqualTo(SqliteIntegrityCheck.MAX_PROBLEMS)
                .allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(201).doesNotContain("\n"));
        assertThat(String.join(" ", result.problems())).containsAnyOf("Tree", "Page", "page");
    }

    @Test
    void aFileThatIsNoDatabaseIsCorruptNotAnError() throws Exception {
        Path text = SqliteSnapshots.database(dir, Db.NOT_A_DATABASE, "m");

        assertThat(SqliteIntegrityCheck.check(text)).isEqualTo(
                new SqliteIntegrityCheck.Result.Corrupt(java.util.List.of("not a SQLite database")));
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt() {
        Path missing = dir.resolve("missing.db");

        assertThatThrownBy(() -> SqliteIntegrityCheck.check(missing))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot check SQLite file missing.db: ");
        assertThat(Files.exists(missing)).as("never created").isFalse();
    }

    private java.util.List<String> files() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
