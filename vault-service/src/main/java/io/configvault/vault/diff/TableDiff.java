package io.configvault.vault.diff;

import io.configvault.vault.diff.DatabaseSource.Cursor;
import io.configvault.vault.diff.DatabaseSource.Row;
import io.configvault.vault.diff.DatabaseSource.TableShape;
import io.configvault.vault.diff.SqliteDiff.ColumnChange;
import io.configvault.vault.diff.SqliteDiff.RowChange;
import io.configvault.vault.diff.SqliteDiff.TableChanges;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the rows of one table in two versions of a database by a merge join: both sides are
 * read in key order, one row of each at a time, so memory holds two rows and the changes listed,
 * whatever the table's size. Rows are matched by the key (the primary key, or rowid); their
 * values are compared over the columns both versions have. Changes past the budget are counted,
 * not listed.
 */
final class TableDiff {

    /** Most columns shown for one row; the rest are counted in {@code columnsOmitted}. */
    static final int MAX_COLUMNS_SHOWN = 32;

    private final String table;
    private final TableShape shape;
    private final List<String> columns;
    private final Redaction redaction;
    private final DiffBudget budget;
    private final List<RowChange> changes = new ArrayList<>();
    private long added;
    private long removed;
    private long changed;

    private TableDiff(TableShape shape, List<String> columns, Redaction redaction,
                      DiffBudget budget) {
        this.table = shape.name();
        this.shape = shape;
        this.columns = columns;
        this.redaction = redaction;
        this.budget = budget;
    }

    /** The table's changes, or null when its rows are the same in both versions. */
    static TableChanges compare(DatabaseSource older, DatabaseSource newer, String table,
                                Redaction redaction, DiffBudget budget) throws IOException {
        TableShape a = older.shape(table);
        TableShape b = newer.shape(table);
        if (a.notCompared() != null || b.notCompared() != null) {
            return skipped(a, "rows not compared: " + (a.notCompared() != null
                    ? a.notCompared() : b.notCompared()));
        }
        if (!a.key().equals(b.key())) {
            return skipped(a, "rows not compared: the key changed from " + a.key() + " to "
                    + b.key());
        }
        List<String> common = new ArrayList<>(a.columns());
        common.retainAll(b.columns());
        common.removeAll(a.key());
        TableDiff diff = new TableDiff(a, common, redaction, budget);
        try (Cursor<Row> left = older.rows(a, common); Cursor<Row> right = newer.rows(b, common)) {
            diff.merge(left, right);
        }
        return diff.added + diff.removed + diff.changed == 0 ? null
                : new TableChanges(table, a.key(), diff.added, diff.removed, diff.changed,
                        diff.changes, null);
    }

    private static TableChanges skipped(TableShape shape, String note) {
        return new TableChanges(shape.name(), shape.key(), 0, 0, 0, List.of(), note);
    }

    private void merge(Cursor<Row> left, Cursor<Row> right) throws IOException {
        boolean hasLeft = left.next();
        boolean hasRight = right.next();
        while (hasLeft || hasRight) {
            int order = !hasLeft ? 1 : !hasRight ? -1
                    : KeyOrder.INSTANCE.compare(left.current().key(), right.current().key());
            if (order < 0) {
                removed++;
                list("removed", left.current());
                hasLeft = left.next();
            } else if (order > 0) {
                added++;
                list("added", right.current());
                hasRight = right.next();
            } else {
                if (!left.current().cells().equals(right.current().cells())) {
                    changed++;
                    listChange(left.current(), right.current());
                }
                hasLeft = left.next();
                hasRight = right.next();
            }
        }
    }

    private void list(String change, Row row) {
        if (!budget.listChange()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int shown = Math.min(columns.size(), MAX_COLUMNS_SHOWN);
        for (int i = 0; i < shown; i++) {
            values.put(columns.get(i), Shown.of(row.cells().get(i), hides(columns.get(i))));
        }
        changes.add(new RowChange(change, key(row), values, null, columns.size() - shown));
    }

    private void listChange(Row older, Row newer) {
        if (!budget.listChange()) {
            return;
        }
        Map<String, ColumnChange> changedColumns = new LinkedHashMap<>();
        int omitted = 0;
        for (int i = 0; i < columns.size(); i++) {
            Value from = older.cells().get(i);
            Value to = newer.cells().get(i);
            if (from.equals(to)) {
                continue;
            }
            if (changedColumns.size() == MAX_COLUMNS_SHOWN) {
                omitted++;
                continue;
            }
            boolean hidden = hides(columns.get(i));
            changedColumns.put(columns.get(i),
                    new ColumnChange(Shown.of(from, hidden), Shown.of(to, hidden)));
        }
        changes.add(new RowChange("changed", key(older), null, changedColumns, omitted));
    }

    private Map<String, Object> key(Row row) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < shape.key().size(); i++) {
            String column = shape.key().get(i);
            key.put(column, Shown.of(row.key().get(i), hides(column)));
        }
        return key;
    }

    private boolean hides(String column) {
        return redaction.hides(table, column);
    }
}
