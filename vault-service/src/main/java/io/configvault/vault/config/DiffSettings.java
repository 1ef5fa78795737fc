package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * {@code vault.api.diff.*}: the snapshot diff ({@code GET /api/v1/snapshots/{a}/diff/{b}}).
 *
 * @param sensitiveColumns      glob patterns ({@code *} any run of characters, {@code ?} one),
 *                              matched case-insensitively against each column's name and each
 *                              table's name: a matching column's values, or every value of a
 *                              matching table, show as {@code "<redacted>"} — key values too
 *                              (default {@code *password*}, {@code *secret*}, {@code *key*},
 *                              {@code *token*})
 * @param maxChanges            most row changes listed in one diff, over all entries and tables
 *                              (default 1000); beyond it rows are only counted and the diff says
 *                              {@code "truncated": true}
 * @param maxTables             most tables whose rows are compared, and most schema changes
 *                              listed, per database (default 100); the rest are counted
 * @param hideSensitiveEntries  true: a SQLite entry the manifest marks sensitive shows only that
 *                              it changed, no semantic diff (default false: its semantic diff is
 *                              shown with the patterns' redaction)
 */
@ConfigurationProperties("vault.api.diff")
public record DiffSettings(
        @Bindable(defaultValue = "*password*,*secret*,*key*,*token*")
        List<String> sensitiveColumns,
        @Bindable(defaultValue = "1000") int maxChanges,
        @Bindable(defaultValue = "100") int maxTables,
        @Bindable(defaultValue = "false") boolean hideSensitiveEntries) {

    public DiffSettings {
        sensitiveColumns = sensitiveColumns == null ? List.of() : List.copyOf(sensitiveColumns);
        for (String pattern : sensitiveColumns) {
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("Cannot start vault:"
                        + " vault.api.diff.sensitive-columns has an empty pattern");
            }
        }
        if (maxChanges < 1) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.diff.max-changes must be at least 1");
        }
        if (maxTables < 1) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.diff.max-tables must be at least 1");
        }
    }
}
