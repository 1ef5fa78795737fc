package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the {@code api_tokens} table, for {@link SqliteCatalog}. Fleets are stored joined
 * by commas (fleet ids never contain one).
 */
final class ApiTokenRows {

    private static final String COLUMNS = "id, name, role, fleets, hash, created_at_ms,"
            + " created_by, revoked_at_ms";
    /** The partial unique index on live names makes a duplicate an ignored insert. */
    private static final String INSERT = "INSERT OR IGNORE INTO api_tokens (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_tokens WHERE hash = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?";
    private static final String PAGE = "SELECT " + COLUMNS + " FROM api_tokens WHERE id > ?"
            + " ORDER BY id LIMIT ?";
    private static final String ANY = "SELECT 1 FROM api_tokens LIMIT 1";
    private static final String OTHER_ADMINS = "SELECT COUNT(*) FROM api_tokens WHERE id <> ?"
            + " AND revoked_at_ms IS NULL AND role = 'admin' AND fleets = '*'";
    private static final String REVOKE = "UPDATE api_tokens SET revoked_at_ms = ? WHERE id = ?"
            + " AND revoked_at_ms IS NULL";

    private ApiTokenRows() {
    }

    static boolean insert(Connection connection, ApiToken token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, token.id());
            insert.setString(2, token.name());
            insert.setString(3, token.role());
            insert.setString(4, String.join(",", token.fleets()));
            insert.setString(5, token.hash());
            insert.setLong(6, token.createdAt().toEpochMilli());
            insert.setString(7, token.createdBy());
            return insert.executeUpdate() == 1;
        }
    }

    static Optional<ApiToken> byHash(Connection connection, String hash) throws SQLException {
        return one(connection, BY_HASH, hash);
    }

    static Optional<ApiToken> byId(Connection connection, String id) throws SQLException {
        return one(connection, BY_ID, id);
    }

    static List<ApiToken> page(Connection connection, @Nullable String afterId, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, afterId == null ? "" : afterId);
            select.setInt(2, limit);
            List<ApiToken> tokens = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    tokens.add(read(row));
                }
            }
            return tokens;
        }
    }

    static boolean none(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ANY);
             ResultSet row = select.executeQuery()) {
            return !row.next();
        }
    }

    /** Run in a transaction: the check of the other admins and the write decide together. */
    static ApiTokenCatalog.Revocation revoke(Connection connection, String id, Instant at)
            throws SQLException {
        Optional<ApiToken> token = byId(connection, id);
        if (token.isEmpty()) {
            return ApiTokenCatalog.Revocation.UNKNOWN;
        }
        if (token.get().liveAdminOfAllFleets() && otherAdmins(connection, id) == 0) {
            return ApiTokenCatalog.Revocation.LAST_ADMIN;
        }
        try (PreparedStatement update = connection.prepareStatement(REVOKE)) {
            update.setLong(1, at.toEpochMilli());
            update.setString(2, id);
            update.executeUpdate();
        }
        return ApiTokenCatalog.Revocation.REVOKED;
    }

    private static long otherAdmins(Connection connection, String id) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(OTHER_ADMINS)) {
            count.setString(1, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Optional<ApiToken> one(Connection connection, String sql, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static ApiToken read(ResultSet row) throws SQLException {
        long revoked = row.getLong(8);
        boolean live = row.wasNull();
        return new ApiToken(row.getString(1), row.getString(2), row.getString(3),
                Arrays.asList(row.getString(4).split(",")), row.getString(5),
                Instant.ofEpochMilli(row.getLong(6)), row.getString(7),
                live ? null : Instant.ofEpochMilli(revoked));
    }
}
