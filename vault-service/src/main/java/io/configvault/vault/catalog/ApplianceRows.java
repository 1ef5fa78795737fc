package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The SQL of the {@code appliances} and {@code appliance_seen} tables, for the parts of
 * {@link SqliteCatalog} ({@link SqliteDatabase} owns the connection, its transactions and its
 * monitor).
 */
final class ApplianceRows {

    private static final String INSERT = "INSERT INTO appliances"
            + " (id, fleet, public_key, fingerprint, enrolled_at) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    private static final String SELECT =
            "SELECT id, fleet, public_key, fingerprint, enrolled_at FROM appliances WHERE id = ?";
    /** Compare-and-set on the key being replaced. */
    private static final String UPDATE_KEY = "UPDATE appliances SET public_key = ?,"
            + " fingerprint = ?, enrolled_at = ? WHERE id = ? AND fingerprint = ?";
    /** Forward only: an earlier or equal sign of life changes nothing. */
    private static final String UPSERT_SEEN = "INSERT INTO appliance_seen (appliance_id,"
            + " last_seen_ms, last_snapshot_id, content_digest) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (appliance_id) DO UPDATE SET last_seen_ms = excluded.last_seen_ms,"
            + " last_snapshot_id = excluded.last_snapshot_id,"
            + " content_digest = excluded.content_digest"
            + " WHERE excluded.last_seen_ms > appliance_seen.last_seen_ms";
    private static final String SELECT_SEEN = "SELECT appliance_id, last_seen_ms,"
            + " last_snapshot_id, content_digest FROM appliance_seen WHERE appliance_id = ?";

    private ApplianceRows() {
    }

    /** @return 1 when inserted, 0 when the id is enrolled already */
    static int insert(Connection connection, Appliance appliance) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, appliance.id());
            insert.setString(2, appliance.fleet());
            insert.setString(3, appliance.publicKey());
            insert.setString(4, appliance.fingerprint());
            insert.setString(5, appliance.enrolledAt().toString());
            return insert.executeUpdate();
        }
    }

    static Optional<Appliance> select(Connection connection, String applianceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Appliance(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4), Instant.parse(row.getString(5))));
            }
        }
    }

    /** @return 1 when replaced, 0 when the key is no longer the one being replaced */
    static int replaceKey(Connection connection, Redemption.Rekeyed rekeyed) throws SQLException {
        Appliance appliance = rekeyed.appliance();
        try (PreparedStatement update = connection.prepareStatement(UPDATE_KEY)) {
            update.setString(1, appliance.publicKey());
            update.setString(2, appliance.fingerprint());
            update.setString(3, appliance.enrolledAt().toString());
            update.setString(4, appliance.id());
            update.setString(5, rekeyed.previousFingerprint());
            return update.executeUpdate();
        }
    }

    /** @return true when recorded, false when a later (or equal) one was there */
    static boolean recordSeen(Connection connection, ApplianceSeen seen) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SEEN)) {
            upsert.setString(1, seen.applianceId());
            upsert.setLong(2, seen.lastSeenAt().toEpochMilli());
            upsert.setString(3, seen.lastSnapshotId().toString());
            upsert.setString(4, seen.contentDigest());
            return upsert.executeUpdate() == 1;
        }
    }

    static Optional<ApplianceSeen> seen(Connection connection, String applianceId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_SEEN)) {
            select.setString(1, applianceId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ApplianceSeen(row.getString(1),
                        Instant.ofEpochMilli(row.getLong(2)), SnapshotId.parse(row.getString(3)),
                        row.getString(4)));
            }
        }
    }
}
