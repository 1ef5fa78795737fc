package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.PolicyCodec;
import io.configvault.vault.retention.PolicyException;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code retention_policies} and {@code holds} tables, for {@link SqliteCatalog}.
 * Policies are stored as the JSON documents {@link PolicyCodec} writes and read back through it.
 */
final class PolicyRows {

    private static final String UPSERT_POLICY = "INSERT INTO retention_policies (scope, policy,"
            + " updated_at_ms, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE"
            + " SET policy = excluded.policy, updated_at_ms = excluded.updated_at_ms,"
            + " updated_by = excluded.updated_by";
    private static final String SELECT_POLICIES = "SELECT scope, policy, updated_at_ms,"
            + " updated_by FROM retention_policies";
    private static final String SELECT_POLICY = SELECT_POLICIES + " WHERE scope = ?";
    private static final String SELECT_ALL_POLICIES = SELECT_POLICIES + " ORDER BY CASE"
            + " WHEN scope = 'vault' THEN 0 WHEN scope LIKE 'fleet:%' THEN 1 ELSE 2 END, scope";
    private static final String DELETE_POLICY = "DELETE FROM retention_policies WHERE scope = ?";
    /** Only on a live snapshot, decided in the same statement. */
    private static final String UPSERT_HOLD = "INSERT INTO holds (snapshot_id, reason, held_by,"
            + " held_at_ms) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM snapshots"
            + " WHERE id = ? AND tombstoned_at_ms IS NULL) ON CONFLICT (snapshot_id) DO UPDATE"
            + " SET reason = excluded.reason, held_by = excluded.held_by,"
            + " held_at_ms = excluded.held_at_ms";
    private static final String DELETE_HOLD = "DELETE FROM holds WHERE snapshot_id = ?";
    private static final String SELECT_HOLD = "SELECT snapshot_id, reason, held_by, held_at_ms"
            + " FROM holds WHERE snapshot_id = ?";

    private PolicyRows() {
    }

    static void put(Connection connection, StoredPolicy policy) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_POLICY)) {
            upsert.setString(1, policy.scope().key());
            upsert.setString(2, PolicyCodec.toJson(policy.policy()));
            upsert.setLong(3, policy.updatedAt().toEpochMilli());
            upsert.setString(4, policy.updatedBy());
            upsert.executeUpdate();
        }
    }

    static Optional<StoredPolicy> select(Connection connection, PolicyScope scope)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_POLICY)) {
            select.setString(1, scope.key());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    static List<StoredPolicy> all(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_ALL_POLICIES);
             ResultSet row = select.executeQuery()) {
            List<StoredPolicy> policies = new ArrayList<>();
            while (row.next()) {
                policies.add(read(row));
            }
            return policies;
        }
    }

    static boolean delete(Connection connection, PolicyScope scope) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_POLICY)) {
            delete.setString(1, scope.key());
            return delete.executeUpdate() == 1;
        }
    }

    /** A row the vault wrote itself; one it cannot read back means the file was edited. */
    private static StoredPolicy read(ResultSet row) throws SQLException {
        String scope = row.getString(1);
        try {
            return new StoredPolicy(PolicyScope.parse(scope),
                    PolicyCodec.read(row.getString(2).getBytes(StandardCharsets.UTF_8)),
                    Instant.ofEpochMilli(row.getLong(3)), row.getString(4));
        } catch (PolicyException | IllegalArgumentException e) {
            throw new SQLException("the stored retention policy of " + scope
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static boolean hold(Connection connection, Hold hold) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HOLD)) {
            upsert.setString(1, hold.snapshotId().toString());
            upsert.setString(2, hold.reason());
            upsert.setString(3, hold.heldBy());
            upsert.setLong(4, hold.heldAt().toEpochMilli());
            upsert.setString(5, hold.snapshotId().toString());
            return upsert.executeUpdate() == 1;
        }
    }

    static boolean release(Connection connection, SnapshotId snapshot) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_HOLD)) {
            delete.setString(1, snapshot.toString());
            return delete.executeUpdate() == 1;
        }
    }

    static Optional<Hold> holdOf(Connection connection, SnapshotId snapshot) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_HOLD)) {
            select.setString(1, snapshot.toString());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Hold(SnapshotId.parse(row.getString(1)),
                        row.getString(2), row.getString(3), Instant.ofEpochMilli(row.getLong(4))))
                        : Optional.empty();
            }
        }
    }
}
