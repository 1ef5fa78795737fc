package io.configvault.vault.verify;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.vault.retrieve.VerifiedBundle;
import io.configvault.vault.verify.sqlite.SqliteIntegrityCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a verified bundle once more, entry by entry: counts entries and bytes (the reader checks
 * every entry's SHA-256 against the manifest again) and copies each entry that came from a
 * SQLite source to a spool file, runs {@code integrity_check} on it and deletes it. One entry on
 * disk at a time; memory does not grow with entry sizes. Stateless.
 */
final class EntryInspection {

    /** The check of one SQLite entry. */
    record SqliteEntry(String name, long bytes, SqliteIntegrityCheck.Result result) {
        boolean ok() {
            return result instanceof SqliteIntegrityCheck.Result.Ok;
        }
    }

    /** What the inspection found. */
    record Report(Manifest manifest, int entries, long entryBytes, List<SqliteEntry> sqlite) {
        Report {
            sqlite = List.copyOf(sqlite);
        }

        /** The first SQLite entry that failed its check, if any. */
        java.util.Optional<SqliteEntry> firstCorrupt() {
            return sqlite.stream().filter(e -> !e.ok()).findFirst();
        }
    }

    private EntryInspection() {
    }

    /**
     * Consumes the bundle: its spool file is deleted when this returns or throws.
     *
     * @throws IOException when the spool cannot be written or read, or SQLite cannot read a copy
     *                     for reasons other than its content; also when the spool file no
     *                     longer reads as the bundle that was verified (it changed on disk)
     */
    static Report inspect(VerifiedBundle bundle, Path spool) throws IOException {
        List<SqliteEntry> sqlite = new ArrayList<>();
        int[] entries = {0};
        long[] bytes = {0};
        try (InputStream in = bundle.open()) {
            Manifest manifest = BundleReader.read(in, BundleLimits.DEFAULT, (entry, content) -> {
                entries[0]++;
                bytes[0] += entry.size();
                if (entry.kind() == SourceKind.SQLITE) {
                    sqlite.add(new SqliteEntry(entry.name(), entry.size(), check(content, spool)));
                }
            });
            return new Report(manifest, entries[0], bytes[0], sqlite);
        } catch (BundleFormatException e) {
            throw new IOException("Cannot inspect the verified bundle of snapshot "
                    + bundle.manifest().snapshotId() + ": its spool file changed ("
                    + e.getMessage() + ")", e);
        } finally {
            bundle.discard();
        }
    }

    private static SqliteIntegrityCheck.Result check(InputStream content, Path spool)
            throws IOException {
        Path copy = Files.createTempFile(spool, "verify-", ".db");
        try {
            Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
            return SqliteIntegrityCheck.check(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
