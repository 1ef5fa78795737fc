package io.configvault.vault.diff.sqlite;

import io.configvault.vault.diff.DatabaseOpener;
import io.configvault.vault.diff.DatabaseSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens SQLite files from snapshot entries read-only and {@code immutable=1}: SQLite takes no
 * locks and creates no {@code -wal}, {@code -shm} or journal beside the file, whatever journal
 * mode its header names, and never writes it. Stateless and thread-safe.
 */
@Singleton
public final class SqliteDatabases implements DatabaseOpener {

    @Override
    public DatabaseSource open(Path file) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        // Percent-encoded, so that '?', '#' or '%' in the spool path cannot alter the URI.
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath()
                + "?immutable=1";
        Connection connection = null;
        try {
            connection = config.createConnection(url);
            try (Statement probe = connection.createStatement()) {
                // Opening reads nothing; the first query finds a file that is no database.
                probe.executeQuery("SELECT count(*) FROM sqlite_schema").close();
            }
            return new SqliteSource(file, connection);
        } catch (SQLException e) {
            close(connection);
            throw failure(file, e);
        }
    }

    /** Sorts SQLite's errors: the file's content (not a database, corrupt) or anything else. */
    static IOException failure(Path file, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_NOTADB.code
                || primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new NotADatabaseException(primary == SQLiteErrorCode.SQLITE_NOTADB.code
                    ? "not a SQLite database" : "the SQLite database is damaged", e);
        }
        return new IOException("Cannot read SQLite file " + file.getFileName() + ": "
                + e.getMessage(), e);
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The open failed already; that failure is the one reported.
        }
    }
}
