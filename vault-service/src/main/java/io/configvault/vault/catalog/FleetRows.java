package io.configvault.vault.catalog;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of the fleet view's tables ({@code appliance_errors}, {@code appliance_agents},
 * {@code snapshot_manifests}, {@code manifest_entries}) and its page of appliances, for the parts
 * of {@link SqliteCatalog} ({@link SqliteDatabase} owns the connection, its transactions and its
 * monitor).
 */
final class FleetRows {

    private static final String SELECT_APPLIANCES = "SELECT id, fleet, public_key, fingerprint,"
            + " enrolled_at FROM appliances WHERE id > ?";
    /** Latest only, and only for an enrolled appliance. */
    private static final String UPSERT_ERROR = "INSERT INTO appliance_errors (appliance_id,"
            + " at_ms, category, reason) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM appliances"
            + " WHERE id = ?) ON CONFLICT (appliance_id) DO UPDATE SET at_ms = excluded.at_ms,"
            + " category = excluded.category, reason = excluded.reason";
    private static final String SELECT_ERROR = "SELECT appliance_id, at_ms, category, reason"
            + " FROM appliance_errors WHERE appliance_id = ?";
    /** Forward only, by the event's signed time. */
    private static final String UPSERT_AGENT = "INSERT INTO appliance_agents (appliance_id,"
            + " signed_at_ms, agent_version) VALUES (?, ?, ?) ON CONFLICT (appliance_id)"
            + " DO UPDATE SET signed_at_ms = excluded.signed_at_ms,"
            + " agent_version = excluded.agent_version"
            + " WHERE excluded.signed_at_ms > appliance_agents.signed_at_ms";
    private static final String SELECT_AGENT = "SELECT agent_version FROM appliance_agents"
            + " WHERE appliance_id = ?";
    private static final String INSERT_MANIFEST = "INSERT INTO snapshot_manifests (snapshot_id,"
            + " agent_version, not_restorable_reason) VALUES (?, ?, ?)"
            + " ON CONFLICT (snapshot_id) DO NOTHING";
    private static final String INSERT_ENTRY = "INSERT INTO manifest_entries (snapshot_id,"
            + " position, name, kind, size, sha256, mode, modified_at, sensitive)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_MANIFEST = "SELECT agent_version, not_restorable_reason"
            + " FROM snapshot_manifests WHERE snapshot_id = ?";
    private static final String SELECT_ENTRIES = "SELECT name, kind, size, sha256, mode,"
            + " modified_at, sensitive FROM manifest_entries WHERE snapshot_id = ?"
            + " ORDER BY position";
    static final String DELETE_MANIFEST = "DELETE FROM snapshot_manifests WHERE snapshot_id = ?";
    static final String DELETE_ENTRIES = "DELETE FROM manifest_entries WHERE snapshot_id = ?";

    private FleetRows() {
    }

    static List<Appliance> appliances(Connection connection, @Nullable String afterId,
                                      @Nullable Set<String> fleets, int limit)
            throws SQLException {
        if (fleets != null && fleets.isEmpty()) {
            return List.of();
        }
        List<String> fleetList = fleets == null ? List.of() : List.copyOf(fleets);
        String sql = SELECT_APPLIANCES + (fleets == null ? "" : " AND fleet IN ("
                + String.join(", ", Collections.nCopies(fleetList.size(), "?")) + ")")
                + " ORDER BY id LIMIT ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, afterId == null ? "" : afterId);
            for (String fleet : fleetList) {
                select.setString(i++, fleet);
            }
            select.setInt(i, limit);
            List<Appliance> result = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    result.add(new Appliance(row.getString(1), row.getString(2),
                            row.getString(3), row.getString(4), Instant.parse(row.getString(5))));
                }
            }
            return result;
        }
    }

    static boolean recordRefusal(Connection connection, ApplianceError error)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_ERROR)) {
            upsert.setString(1, error.applianceId());
            upsert.setLong(2, error.at().toEpochMilli());
            upsert.setString(3, error.category());
            upsert.setString(4, error.reason());
            upsert.setString(5, error.applianceId());
            return upsert.executeUpdate() == 1;
        }
    }

    static Optional<ApplianceError> lastRefusal(Connection connection, String applianceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ERROR)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new ApplianceError(row.getString(1),
                        Instant.ofEpochMilli(row.getLong(2)), row.getString(3),
                        row.getString(4))) : Optional.empty();
            }
        }
    }

    static void recordAgent(Connection connection, String applianceId, Instant signedAt,
                            String agentVersion) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_AGENT)) {
            upsert.setString(1, applianceId);
            upsert.setLong(2, signedAt.toEpochMilli());
            upsert.setString(3, agentVersion);
            upsert.executeUpdate();
        }
    }

    static Optional<String> agentVersion(Connection connection, String applianceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_AGENT)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /** The manifest row and its entries; the caller's transaction. Nothing when recorded. */
    static void putManifest(Connection connection, SnapshotId id, StoredManifest manifest)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MANIFEST)) {
            insert.setString(1, id.toString());
            insert.setString(2, manifest.agentVersion());
            insert.setString(3, manifest.notRestorableReason());
            if (insert.executeUpdate() == 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
            int position = 0;
            for (ManifestEntry e : manifest.entries()) {
                insert.setString(1, id.toString());
                insert.setInt(2, position++);
                insert.setString(3, e.name());
                insert.setString(4, e.kind().name());
                insert.setLong(5, e.size());
                insert.setString(6, e.sha256());
                insert.setInt(7, e.mode());
                insert.setString(8, e.modifiedAt() == null ? null
                        : e.modifiedAt().toString());
                insert.setInt(9, e.sensitive() ? 1 : 0);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Optional<StoredManifest> manifest(Connection connection, SnapshotId id)
            throws SQLException {
        String agentVersion;
        String reason;
        try (PreparedStatement select = connection.prepareStatement(SELECT_MANIFEST)) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                agentVersion = row.getString(1);
                reason = row.getString(2);
            }
        }
        List<ManifestEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_ENTRIES)) {
            select.setString(1, id.toString());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String modified = row.getString(6);
                    entries.add(new ManifestEntry(row.getString(1),
                            SourceKind.valueOf(row.getString(2)), row.getLong(3),
                            row.getString(4), row.getInt(5),
                            modified == null ? null : Instant.parse(modified),
                            row.getInt(7) == 1));
                }
            }
        }
        return Optional.of(new StoredManifest(agentVersion, reason, entries));
    }

    /** Removes a purged snapshot's manifest; the caller's transaction. */
    static void deleteManifest(Connection connection, SnapshotId id) throws SQLException {
        for (String sql : List.of(DELETE_ENTRIES, DELETE_MANIFEST)) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, id.toString());
                delete.executeUpdate();
            }
        }
    }
}
