package io.configvault.capture.source;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/** Connections to appliance databases that the agent only reads. */
public final class SqliteConnections {

    /** How long a read waits for a writer's lock (rollback-journal databases) before failing. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteConnections() {
    }

    /**
     * Opens an existing database read-only ({@code SQLITE_OPEN_READONLY}, without
     * {@code SQLITE_OPEN_CREATE}): a missing file is an error instead of a new empty database,
     * and the agent can never change the appliance's configuration by mistake. ({@code PRAGMA
     * query_only} is not used: it also forbids {@code VACUUM INTO}, which writes only its
     * target file.)
     */
    public static Connection openExisting(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.resetOpenMode(SQLiteOpenMode.READWRITE);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection("jdbc:sqlite:" + database);
    }
}
