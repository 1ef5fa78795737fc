package io.configvault.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.event.EventKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SqliteOutboxTest extends OutboxContract {

    @Override
    Outbox open(Path dir) throws Exception {
        return SqliteOutbox.open(dir);
    }

    @Test
    void entriesAndSequenceNumbersSurviveARestart() throws Exception {
        OutboxEntry first = add("one");
        OutboxEntry second = add("two");
        outbox.remove(first.snapshotId());
        outbox.close();

        outbox = SqliteOutbox.open(dir.resolve("data"));

        assertThat(outbox.oldest()).contains(second);
        assertThat(second.spoolFile()).hasContent("two");
        assertThat(outbox.nextSequence()).isGreaterThan(second.sequence());
    }

    @Test
    void theLastSnapshotAndEntryKindsSurviveARestart() throws Exception {
        OutboxEntry snapshot = add("snapshot", EventKind.SNAPSHOT, DIGEST_A);
        OutboxEntry heartbeat = add("heartbeat", EventKind.HEARTBEAT, DIGEST_A);
        outbox.remove(snapshot.snapshotId());
        outbox.close();

        outbox = SqliteOutbox.open(dir.resolve("data"));

        assertThat(outbox.lastSnapshot()).contains(
                new Outbox.LastSnapshot(snapshot.snapshotId(), DIGEST_A));
        assertThat(outbox.oldest()).contains(heartbeat);
    }

    @Test
    void upgradesAVersionTwoOutboxKeepingItsSnapshots() throws Exception {
        outbox.close();
        Path old = Files.createDirectories(dir.resolve("old/spool"));
        Files.writeString(old.resolve("0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.pgp"), "sealed");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("old/outbox.db"));
             Statement statement = connection.createStatement()) {
            // The schema as version 2 of the agent wrote it.
            statement.execute("CREATE TABLE outbox (sequence INTEGER PRIMARY KEY,"
                    + " snapshot_id TEXT NOT NULL UNIQUE, trigger TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL, sealed_bytes INTEGER NOT NULL,"
                    + " sealed_sha256 TEXT NOT NULL, spool_file TEXT NOT NULL, damaged TEXT)");
            statement.execute("CREATE TABLE counters (name TEXT PRIMARY KEY,"
                    + " value INTEGER NOT NULL)");
            statement.execute("CREATE TABLE evictions (snapshot_id TEXT PRIMARY KEY,"
                    + " sequence INTEGER NOT NULL, trigger TEXT NOT NULL,"
                    + " created_at TEXT NOT NULL, sealed_bytes INTEGER NOT NULL,"
                    + " evicted_at TEXT NOT NULL, reason TEXT NOT NULL)");
            statement.execute("INSERT INTO outbox VALUES (4,"
                    + " '0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee', 'MANUAL', '2026-01-01T00:00:00Z',"
                    + " 6, '" + "c".repeat(64) + "', '0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.pgp',"
                    + " NULL)");
            statement.execute("PRAGMA user_version = 2");
        }

        outbox = SqliteOutbox.open(dir.resolve("old"));

        assertThat(outbox.oldest()).hasValueSatisfying(entry -> {
            assertThat(entry.kind()).isEqualTo(EventKind.SNAPSHOT);
            assertThat(entry.sequence()).isEqualTo(4);
        });
        assertThat(outbox.lastSnapshot()).as("a full snapshot comes first after the upgrade")
                .isEmpty();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("old/outbox.db"));
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(3);
        }
        outbox.close();
        outbox = SqliteOutbox.open(dir.resolve("old"));
        assertThat(outbox.depth()).as("opening again does not migrate again").isEqualTo(1);
    }

    @Test
    void aSpoolFileWithoutAnEntryIsRemovedAtStartup() throws Exception {
        OutboxEntry kept = add("kept");
        outbox.close();
        // A crash after the sealed file was moved into the spool, before its row committed.
        Path orphan = Files.writeString(dir.resolve("data/spool/0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee.pgp"),
                "orphan");

        outbox = SqliteOutbox.open(dir.resolve("data"));

        assertThat(orphan).doesNotExist();
        assertThat(kept.spoolFile()).exists();
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void keepsTheDatabaseInWalMode() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data/outbox.db"));
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void refusesAnOutboxWrittenByANewerAgent() throws Exception {
        outbox.close();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data/outbox.db"));
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteOutbox.open(dir.resolve("data")))
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining(
                        "the outbox has schema version 99, newer than this agent's 3");
        outbox = SqliteOutbox.open(dir.resolve("other"));
    }
}
