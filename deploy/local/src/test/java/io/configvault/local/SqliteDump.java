package io.configvault.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A textual dump of a SQLite database (schema and rows in rowid order), like {@code .dump}. */
final class SqliteDump {

    private SqliteDump() {
    }

    static String of(Path database) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("SELECT name, sql FROM sqlite_master"
                    + " WHERE type = 'table' ORDER BY name")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                    dump.append(rows.getString(2)).append(";\n");
                }
            }
            for (String table : tables) {
                try (ResultSet rows = sql.executeQuery("SELECT * FROM \"" + table
                        + "\" ORDER BY rowid")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        dump.append(table).append(':');
                        for (int c = 1; c <= columns; c++) {
                            dump.append(' ').append(rows.getString(c));
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    static String secretValue(Path database) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT value FROM secrets"
                     + " WHERE name = 'cloud_sync_api_key'")) {
            row.next();
            return row.getString(1);
        }
    }
}
