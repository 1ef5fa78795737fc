package io.configvault.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessageContaining("the outbox has schema version 99, newer than this agent's 2");
        outbox = SqliteOutbox.open(dir.resolve("other"));
    }
}
