package io.configvault.vault.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The semantic diff of two versions of one SQLite database, as the API shows it.
 *
 * @param tablesAdded      tables only the newer version has (their rows are not listed)
 * @param tablesRemoved    tables only the older version has
 * @param schemaChanges    indexes, views and triggers added or removed, and every object whose
 *                         {@code CREATE} statement differs
 * @param tables           the tables in both versions whose rows differ (or could not be
 *                         compared), at most {@code max-tables} of them
 * @param tablesUnchanged  tables in both versions with the same rows
 * @param tablesNotCompared tables in both versions left out over {@code max-tables}
 * @param truncated        true when something above was left out for a bound
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SqliteDiff(List<String> tablesAdded, List<String> tablesRemoved,
                         List<SchemaChange> schemaChanges, List<TableChanges> tables,
                         int tablesUnchanged, int tablesNotCompared, boolean truncated) {

    /** True when the two versions hold the same schema and rows. */
    public boolean empty() {
        return tablesAdded.isEmpty() && tablesRemoved.isEmpty() && schemaChanges.isEmpty()
                && tables.isEmpty() && tablesNotCompared == 0;
    }

    /**
     * A schema object that differs.
     *
     * @param type {@code table}, {@code index}, {@code view} or {@code trigger}
     * @param from its {@code CREATE} statement in the older version; null when added
     * @param to   its {@code CREATE} statement in the newer version; null when removed
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SchemaChange(String type, String name, @Nullable String from,
                               @Nullable String to) {
    }

    /**
     * The row changes of one table.
     *
     * @param key     the key columns rows are matched by ({@code rowid} when no primary key)
     * @param changes the changes listed, in key order, within the diff's {@code max-changes}
     * @param note    why the rows were not compared, or null when they were
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TableChanges(String table, List<String> key, long rowsAdded, long rowsRemoved,
                               long rowsChanged, List<RowChange> changes,
                               @Nullable String note) {
    }

    /**
     * One row added, removed or changed.
     *
     * @param change         {@code added}, {@code removed} or {@code changed}
     * @param key            the row's key values by column
     * @param values         an added or removed row's values by column; null for a change
     * @param columns        a changed row's changed columns; null for an added or removed row
     * @param columnsOmitted columns over the per-row limit, not shown
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RowChange(String change, Map<String, Object> key,
                            @Nullable Map<String, Object> values,
                            @Nullable Map<String, ColumnChange> columns, int columnsOmitted) {
    }

    /** A changed column's old and new value (redacted when the column is sensitive). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ColumnChange(@Nullable Object from, @Nullable Object to) {
    }
}
