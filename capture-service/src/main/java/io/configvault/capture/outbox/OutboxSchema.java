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
 */
final class OutboxSchema {

    static final int VERSION = 2;

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
            statement.execute("PRAGMA user_version = " + VERSION);
        }
    }
}
