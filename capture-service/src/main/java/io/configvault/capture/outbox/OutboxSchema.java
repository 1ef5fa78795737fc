package io.configvault.capture.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The outbox database schema, versioned with {@code PRAGMA user_version}. Version 1: one row per
 * snapshot waiting to be published, and a counter table for sequence numbers (kept apart from
 * the rows, which are deleted once published, so that numbers never repeat). Version 2: the
 * eviction log, one row per snapshot dropped to keep the outbox within its disk budget.
 * Version 3: a {@code kind} per row ({@code SNAPSHOT} or {@code HEARTBEAT}; rows of version 2
 * are snapshots), and {@code last_snapshot}, at most one row naming the last snapshot added and
 * its content digest, which decides whether the next capture is a heartbeat.
 */
final class OutboxSchema {

    static final int VERSION = 3;

    private static final String CREATE_OUTBOX = """
            CREATE TABLE IF NOT EXISTS outbox (
              sequence      INTEGER PRIMARY KEY,
              snapshot_id   TEXT    NOT NULL UNIQUE,
              trigger       TEXT    NOT NULL,
              created_at    TEXT    NOT NULL,
              sealed_bytes  INTEGER NOT NULL,
              sealed_sha256 TEXT    NOT NULL,
              spool_file    TEXT    NOT NULL,
              damaged       TEXT)""";
    private static final String CREATE_COUNTERS = """
            CREATE TABLE IF NOT EXISTS counters (
              name  TEXT    PRIMARY KEY,
              value INTEGER NOT NULL)""";

    private static final String CREATE_EVICTIONS = """
            CREATE TABLE IF NOT EXISTS evictions (
              snapshot_id  TEXT    PRIMARY KEY,
              sequence     INTEGER NOT NULL,
              trigger      TEXT    NOT NULL,
              created_at   TEXT    NOT NULL,
              sealed_bytes INTEGER NOT NULL,
              evicted_at   TEXT    NOT NULL,
              reason       TEXT    NOT NULL)""";

    private static final String ADD_KIND =
            "ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'SNAPSHOT'";
    private static final String CREATE_LAST_SNAPSHOT = """
            CREATE TABLE last_snapshot (
              singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
              snapshot_id    TEXT    NOT NULL,
              content_digest TEXT    NOT NULL)""";

    private OutboxSchema() {
    }

    /** Creates or upgrades the schema; refuses a database written by a newer agent. */
    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int version;
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                version = result.getInt(1);
            }
            if (version > VERSION) {
                throw new SQLException("the outbox has schema version " + version
                        + ", newer than this agent's " + VERSION);
            }
            statement.execute(CREATE_OUTBOX);
            statement.execute(CREATE_COUNTERS);
            statement.execute(CREATE_EVICTIONS);
            if (version < 3) {
                toVersionThree(connection);
            }
        }
    }

    /** One transaction: ALTER TABLE is not idempotent, so it must not outlive a failed step. */
    private static void toVersionThree(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(ADD_KIND);
            statement.execute(CREATE_LAST_SNAPSHOT);
            statement.execute("PRAGMA user_version = 3");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
