package io.configvault.local.fleet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;

/** The configuration an agent of the fleet backs up: a small SQLite database in WAL mode. */
final class ConfigDatabase {

    private ConfigDatabase() {
    }

    /**
     * Creates {@code <dir>/<appliance>.db} with a settings table, and a random text of
     * {@code padding} characters when it should be larger than one segment.
     */
    static Path create(Path dir, String appliance, int padding) throws Exception {
        Path file = dir.resolve(appliance + ".db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)");
            sql.execute("INSERT INTO settings VALUES ('hostname', '" + appliance + "')");
            if (padding > 0) {
                StringBuilder text = new StringBuilder(padding);
                Random random = new Random(11);
                for (int i = 0; i < padding; i++) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                try (var insert = db.prepareStatement("INSERT INTO settings VALUES (?, ?)")) {
                    insert.setString(1, "certificate");
                    insert.setString(2, text.toString());
                    insert.executeUpdate();
                }
            }
        }
        return file;
    }
}
