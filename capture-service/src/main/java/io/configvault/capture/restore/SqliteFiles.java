package io.configvault.capture.restore;

import io.configvault.capture.source.SqliteConnections;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQLite side of a restore: reading a database's content digests (for the plan) and giving
 * a restored copy the journal mode of the file it replaces.
 */
final class SqliteFiles {

    /** Offset of the "file format read version" byte in the database header: 2 means WAL. */
    private static final int READ_VERSION_OFFSET = 19;
    private static final byte WAL = 2;

    private SqliteFiles() {
    }

    /**
     * Reads every table's digest in one read transaction on a read-only connection, so a live
     * database (WAL, being written) yields one consistent state and is never changed. Rows are
     * read in rowid order ({@code WITHOUT ROWID} tables in primary-key order): {@code VACUUM
     * INTO}, which made the snapshot's copy, keeps that order. Virtual tables are left out;
     * their content lives in their shadow tables, which are read.
     */
    static SqliteContent content(Path database) throws IOException {
        try {
            return read(database);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static SqliteContent read(Path database) throws SQLException {
        try (Connection connection = SqliteConnections.openExisting(database)) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                Map<String, String> definitions = new HashMap<>();
                Map<String, String> other = new HashMap<>();
                try (ResultSet rows = sql.executeQuery(
                        "SELECT type, name, sql FROM sqlite_schema")) {
                    while (rows.next()) {
                        if ("table".equals(rows.getString(1))) {
                            definitions.put(rows.getString(2), rows.getString(3));
                        } else {
                            other.put(rows.getString(1) + " " + rows.getString(2),
                                    String.valueOf(rows.getString(3)));
                        }
                    }
                }
                Map<String, String> tables = new HashMap<>();
                for (Table table : tables(sql)) {
                    tables.put(table.name(), digest(sql, table, definitions.get(table.name())));
                }
                return new SqliteContent(tables, other, pragma(sql, "user_version"),
                        pragma(sql, "application_id"));
            } finally {
                connection.rollback();
            }
        }
    }

    /** True when the database's header says WAL; false for rollback journal or a short file. */
    static boolean usesWal(Path database) throws IOException {
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer header = ByteBuffer.allocate(READ_VERSION_OFFSET + 1);
            while (header.hasRemaining() && channel.read(header) > 0) {
                // read the first bytes of the header
            }
            return !header.hasRemaining() && header.get(READ_VERSION_OFFSET) == WAL;
        }
    }

    /**
     * Switches a (not yet installed) copy to WAL. The setting is stored in the file; when this
     * connection closes, SQLite checkpoints and deletes the copy's own {@code -wal} and
     * {@code -shm}, so one self-contained file is left to rename into place.
     */
    static void switchToWal(Path copy) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement sql = connection.createStatement();
             ResultSet mode = sql.executeQuery("PRAGMA journal_mode = WAL")) {
            if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
                throw new IOException("SQLite did not switch the copy to WAL");
            }
        } catch (SQLException e) {
            throw new IOException("SQLite cannot switch the copy to WAL: " + e.getMessage(), e);
        }
    }

    private record Table(String name, boolean withoutRowid) {
    }

    private static List<Table> tables(Statement sql) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT name, type, wr FROM pragma_table_list"
                + " WHERE schema = 'main'")) {
            while (rows.next()) {
                String name = rows.getString(1);
                String type = rows.getString(2);
                boolean internal = name.equals("sqlite_schema") || name.startsWith("sqlite_stat");
                if (("table".equals(type) || "shadow".equals(type)) && !internal) {
                    tables.add(new Table(name, rows.getInt(3) != 0));
                }
            }
        }
        return tables;
    }

    private static String digest(Statement sql, Table table, String definition)
            throws SQLException {
        MessageDigest digest = Sha256.newDigest();
        update(digest, String.valueOf(definition));
        String quoted = "\"" + table.name().replace("\"", "\"\"") + "\"";
        String query = "SELECT * FROM " + quoted + (table.withoutRowid() ? "" : " ORDER BY rowid");
        try (ResultSet rows = sql.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                digest.update((byte) 'R');
                for (int c = 1; c <= columns; c++) {
                    value(digest, rows.getObject(c));
                }
            }
        }
        return Sha256.hex(digest);
    }

    /** A type tag and the value, length-prefixed, so that no two rows digest alike. */
    private static void value(MessageDigest digest, Object value) {
        switch (value) {
            case null -> digest.update((byte) 'N');
            case Integer i -> number(digest, 'I', i.longValue());
            case Long l -> number(digest, 'I', l);
            case Double d -> number(digest, 'F', Double.doubleToLongBits(d));
            case byte[] bytes -> {
                digest.update((byte) 'B');
                number(digest, 'L', bytes.length);
                digest.update(bytes);
            }
            default -> {
                digest.update((byte) 'T');
                update(digest, value.toString());
            }
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        number(digest, 'L', bytes.length);
        digest.update(bytes);
    }

    private static void number(MessageDigest digest, char tag, long value) {
        digest.update((byte) tag);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static long pragma(Statement sql, String name) throws SQLException {
        try (ResultSet row = sql.executeQuery("PRAGMA " + name)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
