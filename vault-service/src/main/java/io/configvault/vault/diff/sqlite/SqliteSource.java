package io.configvault.vault.diff.sqlite;

import io.configvault.vault.diff.DatabaseSource;
import io.configvault.vault.diff.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One SQLite database file opened by {@link SqliteDatabases}. Rows are read in key order with
 * {@code COLLATE BINARY} on every key column (so that the order is {@code KeyOrder}'s whatever
 * collation the schema declares); for a primary key with the default collation SQLite walks the
 * table or its key index and sorts nothing. Not thread-safe.
 */
final class SqliteSource implements DatabaseSource {

    /** What a rowid table without a declared primary key is keyed by, first free name wins. */
    private static final List<String> ROWID_NAMES = List.of("rowid", "_rowid_", "oid");

    private final Path file;
    private final Connection connection;

    SqliteSource(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    @Override
    public Cursor<SchemaObject> schema() throws IOException {
        // Names starting with "sqlite_" (any case) are SQLite's own: autoindexes,
        // sqlite_sequence, sqlite_stat1.
        return query("SELECT type, name, tbl_name, sql FROM sqlite_schema"
                        + " WHERE lower(substr(name, 1, 7)) <> 'sqlite_' ORDER BY type, name",
                rows -> new SchemaObject(rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4)));
    }

    @Override
    public TableShape shape(String table) throws IOException {
        try {
            String type = single("SELECT type FROM pragma_table_list WHERE schema = 'main'"
                    + " AND name = ?", table);
            List<String> columns = new ArrayList<>();
            Map<Integer, String> key = new TreeMap<>();
            try (PreparedStatement info = connection.prepareStatement(
                    "SELECT name, pk FROM pragma_table_info(?)")) {
                info.setString(1, table);
                try (ResultSet rows = info.executeQuery()) {
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                        if (rows.getInt(2) > 0) {
                            key.put(rows.getInt(2), rows.getString(1));
                        }
                    }
                }
            }
            if ("virtual".equals(type)) {
                return new TableShape(table, columns, List.of(),
                        "a virtual table's rows have no key order");
            }
            if (!key.isEmpty()) {
                return new TableShape(table, columns, List.copyOf(key.values()), null);
            }
            for (String rowid : ROWID_NAMES) {
                if (columns.stream().noneMatch(rowid::equalsIgnoreCase)) {
                    return new TableShape(table, columns, List.of(rowid), null);
                }
            }
            return new TableShape(table, columns, List.of(),
                    "it has no primary key and columns named rowid, _rowid_ and oid");
        } catch (SQLException e) {
            throw SqliteDatabases.failure(file, e);
        }
    }

    @Override
    public Cursor<Row> rows(TableShape shape, List<String> columns) throws IOException {
        List<String> selected = new ArrayList<>(shape.key());
        selected.addAll(columns);
        List<String> order = shape.key().stream().map(k -> quote(k) + " COLLATE BINARY").toList();
        String sql = "SELECT " + String.join(", ", selected.stream().map(SqliteSource::quote)
                .toList()) + " FROM " + quote(shape.name()) + " ORDER BY "
                + String.join(", ", order);
        int keys = shape.key().size();
        return query(sql, rows -> {
            List<Value> key = new ArrayList<>(keys);
            for (int i = 1; i <= keys; i++) {
                key.add(Value.key(rows.getObject(i)));
            }
            List<Value> cells = new ArrayList<>(columns.size());
            for (int i = keys + 1; i <= keys + columns.size(); i++) {
                cells.add(Value.cell(rows.getObject(i)));
            }
            return new Row(key, cells);
        });
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw SqliteDatabases.failure(file, e);
        }
    }

    private String single(String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private <T> Cursor<T> query(String sql, RowReader<T> reader) throws IOException {
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(sql);
            return new ResultCursor<>(statement, statement.executeQuery(), reader);
        } catch (SQLException e) {
            closeQuietly(statement);
            throw SqliteDatabases.failure(file, e);
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException ignored) {
            // The query failed already; that failure is the one reported.
        }
    }

    /** An identifier in double quotes, inner quotes doubled: any table or column name is safe. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Reads one item from the result set's current row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** A cursor over a result set; closing it closes its statement. */
    private final class ResultCursor<T> implements Cursor<T> {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowReader<T> reader;
        private T current;

        ResultCursor(PreparedStatement statement, ResultSet rows, RowReader<T> reader) {
            this.statement = statement;
            this.rows = rows;
            this.reader = reader;
        }

        @Override
        public boolean next() throws IOException {
            try {
                if (!rows.next()) {
                    current = null;
                    return false;
                }
                current = reader.read(rows);
                return true;
            } catch (SQLException e) {
                throw SqliteDatabases.failure(file, e);
            }
        }

        @Override
        public T current() {
            return current;
        }

        @Override
        public void close() throws IOException {
            try {
                statement.close();
            } catch (SQLException e) {
                throw SqliteDatabases.failure(file, e);
            }
        }
    }
}
