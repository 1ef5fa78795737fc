package io.configvault.capture.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an application sees of a SQLite database, reduced to digests: one per table (its
 * definition and its rows in rowid order), the other schema objects (indexes, views, triggers)
 * and the header fields applications use ({@code user_version}, {@code application_id}). Two
 * databases with equal content are the same configuration even when their files differ (page
 * layout, free pages, journal mode).
 *
 * @param tables      digest by table name
 * @param otherSchema SQL text by "type name" of every index, view and trigger
 */
record SqliteContent(Map<String, String> tables, Map<String, String> otherSchema,
                     long userVersion, long applicationId) {

    SqliteContent {
        tables = Map.copyOf(tables);
        otherSchema = Map.copyOf(otherSchema);
    }

    /**
     * What a restore of {@code snapshot} over {@code current} changes.
     *
     * @param changed tables in both whose definition or rows differ
     * @param added   tables only the snapshot has
     * @param removed tables only the current database has
     */
    record Changes(List<String> changed, List<String> added, List<String> removed,
                   boolean otherSchemaDiffers, long currentUserVersion, long snapshotUserVersion,
                   boolean applicationIdDiffers) {

        boolean none() {
            return changed.isEmpty() && added.isEmpty() && removed.isEmpty()
                    && !otherSchemaDiffers && currentUserVersion == snapshotUserVersion
                    && !applicationIdDiffers;
        }

        /** "tables changed: a, b; tables added: c", or "no table content differs". */
        String describe() {
            if (none()) {
                return "no table content differs, only the file";
            }
            List<String> parts = new ArrayList<>();
            if (!changed.isEmpty()) {
                parts.add("tables changed: " + String.join(", ", changed));
            }
            if (!added.isEmpty()) {
                parts.add("tables added: " + String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                parts.add("tables removed: " + String.join(", ", removed));
            }
            if (otherSchemaDiffers) {
                parts.add("indexes, views or triggers differ");
            }
            if (currentUserVersion != snapshotUserVersion) {
                parts.add("user_version " + currentUserVersion + " -> " + snapshotUserVersion);
            }
            if (applicationIdDiffers) {
                parts.add("application_id differs");
            }
            return String.join("; ", parts);
        }
    }

    /** The changes a restore of {@code snapshot} makes to this (current) database. */
    Changes changesTo(SqliteContent snapshot) {
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        tables.keySet().stream().sorted().forEach(name -> {
            String theirs = snapshot.tables.get(name);
            if (theirs == null) {
                removed.add(name);
            } else if (!theirs.equals(tables.get(name))) {
                changed.add(name);
            }
        });
        List<String> added = snapshot.tables.keySet().stream()
                .filter(name -> !tables.containsKey(name)).sorted().toList();
        return new Changes(changed, added, removed,
                !Objects.equals(otherSchema, snapshot.otherSchema), userVersion,
                snapshot.userVersion, applicationId != snapshot.applicationId);
    }
}
