package io.configvault.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One measured figure: a table (columns and rows of formatted cells), notes saying how it was
 * measured and what bounds it, and the raw values behind the cells for the JSON file.
 *
 * @param id      short file-name-safe name, e.g. {@code fleet-burst}
 * @param title   heading, e.g. {@code Figure 2: fleet burst}
 * @param columns column headings
 * @param rows    rows of cells, each as many as there are columns
 * @param notes   sentences printed below the table
 * @param values  raw measurements by name (numbers, strings), in the order given
 */
public record Figure(String id, String title, List<String> columns, List<List<String>> rows,
                     List<String> notes, Map<String, Object> values) {

    /** Checks that every row has one cell per column and copies the lists. */
    public Figure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("A figure id is lower-case letters, digits and"
                    + " dashes (it names a file), not '" + id + "'");
        }
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("Figure " + id + ": a row has " + row.size()
                        + " cells for " + columns.size() + " columns: " + row);
            }
        }
        notes = List.copyOf(notes);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
