package io.configvault.vault.testing;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sealed snapshots the way an appliance with a SQLite source makes them: a real database file
 * as entry {@code config.db} of kind {@code sqlite} (holding {@code marker} in a row), plus a
 * file entry {@code app.conf}. The database can be sound, or damaged before capture (so that its
 * digest in the signed manifest matches the damaged bytes: only {@code integrity_check} sees it).
 */
public final class SqliteSnapshots {

    /** What the captured database looks like. */
    public enum Db {
        SOUND,
        /** Pages of a table and its index overwritten: opens, but fails integrity_check. */
        CORRUPT,
        /** Text, not a database at all. */
        NOT_A_DATABASE
    }

    private SqliteSnapshots() {
    }

    /** A database file in {@code dir} with 2,000 rows, an index and {@code marker} in a row. */
    public static Path database(Path dir, Db db, String marker) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".db");
        if (db == Db.NOT_A_DATABASE) {
            Files.writeString(file, "not a database " + marker);
            return file;
        }
        Files.delete(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE settings (name TEXT, value TEXT)");
            sql.execute("CREATE INDEX settings_by_name ON settings (name)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings VALUES (?, ?)")) {
                for (int i = 0; i < 2000; i++) {
                    insert.setString(1, "setting-" + i);
                    insert.setString(2, i == 1000 ? marker : "value-" + i);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        if (db == Db.CORRUPT) {
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                byte[] page = new byte[300];
                raw.seek(4096 * 2);
                raw.readFully(page);
                for (int i = 0; i < page.length; i++) {
                    page[i] ^= 0x5a;
                }
                raw.seek(4096 * 2);
                raw.write(page);
            }
        }
        return file;
    }

    /** Seals {@code id} of {@code applianceId} to the ingest key, signed by {@code signer}. */
    public static TestSnapshots.Sealed seal(Path dir, String applianceId, String fleet,
                                            SnapshotId id, Db db, String marker,
                                            PgpPublicKey ingest, PgpSecretKey signer)
            throws IOException, OpenPgpException {
        Path database = database(dir, db, marker);
        TestSnapshots.Sealed sealed = seal(dir, applianceId, fleet, id, database, ingest, signer);
        Files.delete(database);
        return new TestSnapshots.Sealed(id, applianceId, sealed.file(), sealed.bundle(),
                Map.of("config.db", "sqlite database holding " + marker));
    }

    /**
     * Seals {@code database} (left in place) as entry {@code config.db} of kind {@code sqlite},
     * marked sensitive as the demo appliance's agent marks it, beside the usual {@code app.conf}.
     */
    public static TestSnapshots.Sealed seal(Path dir, String applianceId, String fleet,
                                            SnapshotId id, Path database, PgpPublicKey ingest,
                                            PgpSecretKey signer)
            throws IOException, OpenPgpException {
        Path conf = Files.createTempFile(dir, "app", ".conf");
        Files.writeString(conf, "x=1\n".repeat(500), StandardCharsets.UTF_8);
        Map<String, Path> staged = new LinkedHashMap<>();
        staged.put("config.db", database);
        staged.put("app.conf", conf);
        Instant capturedAt = Instant.ofEpochMilli(id.unixMillis());
        List<ManifestEntry> entries = List.of(
                new ManifestEntry("config.db", SourceKind.SQLITE, Files.size(database),
                        Sha256.of(database), 0600, capturedAt, true),
                new ManifestEntry("app.conf", SourceKind.FILE, Files.size(conf), Sha256.of(conf),
                        0644, capturedAt, false));
        Manifest manifest = new Manifest(Manifest.FORMAT, applianceId, fleet, id, 1,
                Trigger.SCHEDULE, capturedAt, ZoneId.of("UTC"), "test", null, true, null,
                entries);
        Path bundle = Files.createTempFile(dir, "bundle", ".tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, staged, out);
        }
        Path sealed = Files.createTempFile(dir, "sealed", ".pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest), signer, "bundle.tar");
        }
        byte[] bundleBytes = Files.readAllBytes(bundle);
        Files.delete(bundle);
        Files.delete(conf);
        return new TestSnapshots.Sealed(id, applianceId, sealed, bundleBytes,
                Map.of("config.db", "sqlite database " + database.getFileName()));
    }
}
