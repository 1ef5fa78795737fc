package io.configvault.vault.diff;

import java.io.IOException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One appliance database opened read-only for a diff: what {@link DatabaseDiff} needs of it,
 * everything streamed. The SQLite implementation lives in {@code vault.diff.sqlite} (the only
 * place of this package tree that uses JDBC). Not thread-safe: one diff uses it at a time.
 */
public interface DatabaseSource extends AutoCloseable {

    /**
     * The schema objects (tables, indexes, views, triggers), SQLite's internal ones left out,
     * ordered by type and then name, both by code point.
     */
    Cursor<SchemaObject> schema() throws IOException;

    /** The columns and key of a table this database has. */
    TableShape shape(String table) throws IOException;

    /**
     * The table's rows ordered by {@link TableShape#key()} in {@link KeyOrder}, each with its key
     * values (whole) and the values of {@code columns} (summarised, see {@link Value#cell}).
     */
    Cursor<Row> rows(TableShape shape, List<String> columns) throws IOException;

    @Override
    void close() throws IOException;

    /** A forward-only stream of items. */
    interface Cursor<T> extends AutoCloseable {
        /** Moves to the next item; false at the end. */
        boolean next() throws IOException;

        /** The item {@link #next} moved to. */
        T current();

        @Override
        void close() throws IOException;
    }

    /**
     * A schema object as {@code sqlite_schema} lists it.
     *
     * @param type  {@code table}, {@code index}, {@code view} or {@code trigger}
     * @param table the table it belongs to (its own name for a table)
     * @param sql   its {@code CREATE} statement
     */
    record SchemaObject(String type, String name, String table, String sql) {
    }

    /**
     * A table's columns and key.
     *
     * @param columns   every column in declaration order
     * @param key       the primary key's columns in key order; {@code [rowid]} for a rowid table
     *                  without a declared primary key
     * @param notCompared why the table's rows cannot be compared (e.g. a virtual table, which
     *                  has no key order), or null when they can
     */
    record TableShape(String name, List<String> columns, List<String> key,
                      @Nullable String notCompared) {
        public TableShape {
            columns = List.copyOf(columns);
            key = List.copyOf(key);
        }
    }

    /** One row: its key values and the values of the columns asked for, in their order. */
    record Row(List<Value> key, List<Value> cells) {
    }
}
