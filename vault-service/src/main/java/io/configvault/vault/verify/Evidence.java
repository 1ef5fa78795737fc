package io.configvault.vault.verify;

import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.verify.sqlite.SqliteIntegrityCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a verification's evidence and of its alarm. Only metadata: sizes, counts,
 * digests, entry names and what SQLite reported — never content, object keys or keys.
 */
final class Evidence {

    private Evidence() {
    }

    /** Everything that was checked, in the order it was checked. */
    static String of(SnapshotRecord snapshot, long bundleBytes, EntryInspection.Report report) {
        List<String> parts = new ArrayList<>();
        parts.add("stored object " + snapshot.storedBytes() + " bytes decrypted,"
                + " storage-key signature valid");
        parts.add("bundle " + bundleBytes + " bytes, SHA-256 " + snapshot.bundleSha256()
                + " as in the catalog");
        parts.add("manifest names appliance " + report.manifest().applianceId() + " and snapshot "
                + report.manifest().snapshotId() + " as in the catalog");
        parts.add(report.entries() + " entries, " + report.entryBytes()
                + " bytes, every SHA-256 matches the manifest");
        if (report.sqlite().isEmpty()) {
            parts.add("no SQLite entries");
        }
        for (EntryInspection.SqliteEntry entry : report.sqlite()) {
            parts.add("SQLite " + entry.name() + " (" + entry.bytes() + " bytes): "
                    + sqlite(entry.result()));
        }
        return String.join("; ", parts);
    }

    /** The reason a SQLite entry failed, for the alarm. */
    static String sqliteFailure(EntryInspection.SqliteEntry entry) {
        return "SQLite entry " + entry.name() + " fails " + sqlite(entry.result());
    }

    private static String sqlite(SqliteIntegrityCheck.Result result) {
        return switch (result) {
            case SqliteIntegrityCheck.Result.Ok ok -> "integrity_check ok";
            case SqliteIntegrityCheck.Result.Corrupt corrupt -> "integrity_check: "
                    + String.join(" | ", corrupt.problems());
        };
    }
}
