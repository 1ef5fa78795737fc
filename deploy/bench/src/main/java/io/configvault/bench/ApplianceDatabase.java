package io.configvault.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The appliance's configuration database of figure 1: a real SQLite file (WAL, as appliances
 * run theirs) with one settings table, changed one committed transaction at a time over JDBC,
 * as the appliance's own software would.
 */
final class ApplianceDatabase implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final PreparedStatement update;

    private ApplianceDatabase(Path file, Connection connection) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.update = connection.prepareStatement(
                "INSERT INTO settings(name, value) VALUES (?, ?)"
                        + " ON CONFLICT(name) DO UPDATE SET value = excluded.value");
    }

    /** Creates {@code file} with a few settings rows. */
    static ApplianceDatabase create(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE settings(name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        }
        ApplianceDatabase database = new ApplianceDatabase(file, connection);
        for (int i = 0; i < 50; i++) {
            database.set("setting." + i, "initial value " + i);
        }
        return database;
    }

    Path file() {
        return file;
    }

    /**
     * Sets one setting in a transaction of its own (auto-commit).
     *
     * @return {@link System#nanoTime()} right after the commit returned
     */
    long set(String name, String value) throws SQLException {
        update.setString(1, name);
        update.setString(2, value);
        update.executeUpdate();
        return System.nanoTime();
    }

    @Override
    public void close() throws SQLException {
        update.close();
        connection.close();
    }
}
