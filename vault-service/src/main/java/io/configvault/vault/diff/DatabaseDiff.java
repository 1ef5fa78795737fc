package io.configvault.vault.diff;

import io.configvault.vault.diff.DatabaseSource.Cursor;
import io.configvault.vault.diff.DatabaseSource.SchemaObject;
import io.configvault.vault.diff.SqliteDiff.SchemaChange;
import io.configvault.vault.diff.SqliteDiff.TableChanges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The semantic diff of two versions of a database: both schemas are read in (type, name) order
 * and merged — tables added and removed, other objects added and removed, every object whose
 * {@code CREATE} statement differs — then the rows of each table both versions have are compared
 * by {@link TableDiff}. Pure Java over {@link DatabaseSource}; stateless.
 */
public final class DatabaseDiff {

    /** A {@code CREATE} statement longer than this is cut when shown. */
    static final int MAX_SQL_CHARS = 4096;

    private DatabaseDiff() {
    }

    public static SqliteDiff compare(DatabaseSource older, DatabaseSource newer,
                                     Redaction redaction, DiffBudget budget) throws IOException {
        Schemas schemas = new Schemas(budget.maxTables());
        try (Cursor<SchemaObject> a = older.schema(); Cursor<SchemaObject> b = newer.schema()) {
            schemas.merge(a, b);
        }
        List<TableChanges> tables = new ArrayList<>();
        int unchanged = 0;
        for (String table : schemas.common) {
            TableChanges changes = TableDiff.compare(older, newer, table, redaction, budget);
            if (changes == null) {
                unchanged++;
            } else {
                tables.add(changes);
            }
        }
        if (schemas.truncated) {
            budget.truncate();
        }
        return new SqliteDiff(schemas.added, schemas.removed, schemas.changes, tables, unchanged,
                schemas.notCompared, schemas.truncated);
    }

    /** The schema merge's findings; tables in both versions are kept up to the bound. */
    private static final class Schemas {
        final int maxTables;
        final List<String> added = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<SchemaChange> changes = new ArrayList<>();
        final List<String> common = new ArrayList<>();
        int notCompared;
        boolean truncated;

        Schemas(int maxTables) {
            this.maxTables = maxTables;
        }

        void merge(Cursor<SchemaObject> older, Cursor<SchemaObject> newer) throws IOException {
            boolean hasOlder = older.next();
            boolean hasNewer = newer.next();
            while (hasOlder || hasNewer) {
                int order = !hasOlder ? 1 : !hasNewer ? -1
                        : compare(older.current(), newer.current());
                if (order < 0) {
                    one(older.current(), removed, older.current().sql(), null);
                    hasOlder = older.next();
                } else if (order > 0) {
                    one(newer.current(), added, null, newer.current().sql());
                    hasNewer = newer.next();
                } else {
                    both(older.current(), newer.current());
                    hasOlder = older.next();
                    hasNewer = newer.next();
                }
            }
        }

        private void one(SchemaObject object, List<String> tables, String from, String to) {
            if (object.type().equals("table")) {
                listed(tables, object.name());
            } else {
                change(object, from, to);
            }
        }

        private void both(SchemaObject older, SchemaObject newer) {
            if (!Objects.equals(older.sql(), newer.sql())) {
                change(older, older.sql(), newer.sql());
            }
            if (older.type().equals("table")) {
                if (common.size() < maxTables) {
                    common.add(older.name());
                } else {
                    notCompared++;
                    truncated = true;
                }
            }
        }

        private void change(SchemaObject object, String from, String to) {
            if (changes.size() < maxTables) {
                changes.add(new SchemaChange(object.type(), object.name(), cut(from), cut(to)));
            } else {
                truncated = true;
            }
        }

        private void listed(List<String> tables, String name) {
            if (tables.size() < maxTables) {
                tables.add(name);
            } else {
                truncated = true;
            }
        }

        private static int compare(SchemaObject a, SchemaObject b) {
            int type = KeyOrder.codePoints(a.type(), b.type());
            return type != 0 ? type : KeyOrder.codePoints(a.name(), b.name());
        }

        private static String cut(String sql) {
            return sql == null || sql.length() <= MAX_SQL_CHARS ? sql
                    : sql.substring(0, MAX_SQL_CHARS) + "…[cut: " + sql.length()
                            + " characters]";
        }
    }
}
