package io.configvault.capture.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An appliance's configuration database as the appliance's own software would use it: a real
 * SQLite file in WAL mode with a {@code settings} table, written through its own connection.
 */
public final class LiveDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private LiveDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static LiveDatabase create(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("CREATE TABLE IF NOT EXISTS settings ("
                    + "key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
        return new LiveDatabase(file, connection);
    }

    public Path file() {
        return file;
    }

    public synchronized void put(String key, String value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO settings"
                + " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.setString(3, value);
            upsert.executeUpdate();
        }
    }

    /**
     * Commits one transaction that changes every row and changes it back, as an appliance's UI
     * does when a setting is saved and reverted: it moves {@code PRAGMA data_version} for other
     * connections, but the rows end as they were. ({@code UPDATE settings SET value = value}
     * would not do: SQLite does not rewrite a cell with identical bytes, so nothing is committed
     * and {@code data_version} stays.)
     */
    public synchronized void touch() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE settings SET value = value || '~'");
            statement.executeUpdate(
                    "UPDATE settings SET value = substr(value, 1, length(value) - 1)");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** All rows of the settings table of this database. */
    public synchronized Map<String, String> rows() throws SQLException {
        return rows(connection);
    }

    /** All rows of the settings table of another copy of it. */
    public static Map<String, String> rowsOf(Path database) throws SQLException {
        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            return rows(copy);
        }
    }

    private static Map<String, String> rows(Connection connection) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT key, value FROM settings")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }

    /** Writes rows in a loop on another thread (its own connection) until closed. */
    public static Writer startWriter(Path database) {
        return new Writer(database);
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    /** A busy writer: one committed row per iteration, as fast as SQLite allows. */
    public static final class Writer implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong commits = new AtomicLong();
        private final Thread thread;
        private volatile Exception failure;

        private Writer(Path database) {
            thread = Thread.ofPlatform().name("test-writer").start(() -> {
                try (LiveDatabase db = create(database)) {
                    while (running.get()) {
                        long n = commits.get();
                        db.put("row-" + (n % 500), "value-" + n + "-" + "x".repeat(200));
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failure = e;
                }
            });
        }

        public long commits() {
            return commits.get();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
