package io.configvault.bench;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.SqliteCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes figure 5's catalog before the vault starts: the vault's own schema (opening it with
 * {@link SqliteCatalog} creates and migrates it), then the enrolments and snapshot rows of a
 * {@link ScaleFleet} in one transaction of batched inserts, the snapshot indexes built after it,
 * journal and sync off (a file nobody
 * else has open; the vault opens it afterwards with its own settings). Every appliance is
 * enrolled with the same real public key: the figure reads rows, it verifies nothing.
 */
final class CatalogFill {

    /** A row the policy deletes: its object must exist in the bucket. */
    record Doomed(String objectKey, long bytes) {
    }

    private static final String INSERT_APPLIANCE = "INSERT INTO appliances (id, fleet,"
            + " public_key, fingerprint, enrolled_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_SNAPSHOT = "INSERT INTO snapshots (id, appliance_id,"
            + " fleet, sequence, trigger, captured_at, time_zone, label, restorable, bundle_bytes,"
            + " bundle_sha256, stored_bytes, stored_sha256, object_key, storage_key, stored_at)"
            + " VALUES (?, ?, ?, ?, 'SCHEDULE', ?, ?, NULL, 1, ?, ?, ?, ?, ?, ?, ?)";

    private CatalogFill() {
    }

    /**
     * Creates {@code file} and fills it.
     *
     * @return the rows {@link ScaleFleet#policy} deletes, in insertion order
     */
    static List<Doomed> fill(Path file, ScaleFleet fleet, PgpPublicKey applianceKey,
                             String storageFingerprint) throws Exception {
        SqliteCatalog.open(file).close();
        List<Doomed> doomed = new ArrayList<>(fleet.appliances());
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA journal_mode = OFF");
                pragma.execute("PRAGMA synchronous = OFF");
                pragma.execute("PRAGMA cache_size = -131072");
            }
            List<String> indexes = dropSnapshotIndexes(connection);
            connection.setAutoCommit(false);
            try (PreparedStatement appliances = connection.prepareStatement(INSERT_APPLIANCE);
                 PreparedStatement snapshots = connection.prepareStatement(INSERT_SNAPSHOT)) {
                for (int a = 0; a < fleet.appliances(); a++) {
                    appliances.setString(1, fleet.applianceId(a));
                    appliances.setString(2, fleet.fleet(a));
                    appliances.setString(3, applianceKey.armored());
                    appliances.setString(4, applianceKey.fingerprint());
                    appliances.setString(5, fleet.capturedAt(a, 0).minusSeconds(3600).toString());
                    appliances.addBatch();
                    for (int s = 0; s < fleet.perAppliance(); s++) {
                        SnapshotId id = fleet.snapshotId(a, s);
                        String key = fleet.objectKey(a, id);
                        addSnapshot(snapshots, fleet, a, s, id, key, storageFingerprint);
                        if (ScaleFleet.deletedByPolicy(s)) {
                            doomed.add(new Doomed(key, fleet.storedBytes(a, s)));
                        }
                    }
                    snapshots.executeBatch();
                }
                appliances.executeBatch();
            }
            try (Statement create = connection.createStatement()) {
                for (String sql : indexes) {
                    create.execute(sql);
                }
            }
            connection.commit();
            if (snapshotIndexes(connection).size() != indexes.size()) {
                throw new IllegalStateException("Cannot fill " + file + ": the snapshot indexes"
                        + " were not all built again");
            }
        }
        return doomed;
    }

    /**
     * Drops the snapshot table's indexes (the vault's own, as its migrations created them) and
     * returns their SQL: building each once over the filled table is faster than keeping five of
     * them sorted through a million inserts. The table's own keys stay.
     */
    private static List<String> dropSnapshotIndexes(Connection connection) throws SQLException {
        java.util.Map<String, String> indexes = snapshotIndexes(connection);
        try (Statement drop = connection.createStatement()) {
            for (String name : indexes.keySet()) {
                drop.execute("DROP INDEX \"" + name + "\"");
            }
        }
        return List.copyOf(indexes.values());
    }

    /** The snapshot table's created indexes: name to SQL. */
    private static java.util.Map<String, String> snapshotIndexes(Connection connection)
            throws SQLException {
        java.util.Map<String, String> indexes = new java.util.LinkedHashMap<>();
        try (Statement select = connection.createStatement();
             var row = select.executeQuery("SELECT name, sql FROM sqlite_master WHERE type ="
                     + " 'index' AND tbl_name = 'snapshots' AND sql IS NOT NULL")) {
            while (row.next()) {
                indexes.put(row.getString(1), row.getString(2));
            }
        }
        return indexes;
    }

    private static void addSnapshot(PreparedStatement insert, ScaleFleet fleet, int a, int s,
                                    SnapshotId id, String key, String storageFingerprint)
            throws SQLException {
        insert.setString(1, id.toString());
        insert.setString(2, fleet.applianceId(a));
        insert.setString(3, fleet.fleet(a));
        insert.setLong(4, s + 1);
        insert.setString(5, fleet.capturedAt(a, s).toString());
        insert.setString(6, fleet.zone(a));
        insert.setLong(7, fleet.bundleBytes(a, s));
        insert.setString(8, digest(a, s, 1));
        insert.setLong(9, fleet.storedBytes(a, s));
        insert.setString(10, digest(a, s, 2));
        insert.setString(11, key);
        insert.setString(12, storageFingerprint);
        insert.setString(13, fleet.storedAt(a, s).toString());
        insert.addBatch();
    }

    /** A SHA-256-shaped hex string, distinct per row (the figure never checks content). */
    private static String digest(int appliance, int index, int kind) {
        return String.format("%016x%016x%032x", kind, appliance, index);
    }
}
