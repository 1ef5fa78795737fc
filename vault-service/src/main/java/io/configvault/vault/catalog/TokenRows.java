package io.configvault.vault.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The SQL of the {@code enrolment_tokens} table, for {@link SqliteCatalog}. */
final class TokenRows {

    private static final String INSERT = "INSERT INTO enrolment_tokens (hash, purpose, fleet,"
            + " appliance_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (hash) DO NOTHING";
    private static final String SELECT = "SELECT hash, purpose, fleet, appliance_id, issued_at,"
            + " expires_at, used_at, used_by FROM enrolment_tokens WHERE hash = ?";
    /** Compare-and-set: only an unused token can be used up, and only once. */
    private static final String USE = "UPDATE enrolment_tokens SET used_at = ?, used_by = ?"
            + " WHERE hash = ? AND used_at IS NULL";

    private TokenRows() {
    }

    /** @return 1 when inserted, 0 when the hash exists */
    static int insert(Connection connection, EnrolmentToken token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, token.hash());
            insert.setString(2, token.purpose().name());
            insert.setString(3, token.fleet());
            insert.setString(4, token.applianceId());
            insert.setString(5, token.issuedAt().toString());
            insert.setString(6, token.expiresAt().toString());
            return insert.executeUpdate();
        }
    }

    static Optional<EnrolmentToken> select(Connection connection, String hash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EnrolmentToken(row.getString(1),
                        EnrolmentToken.Purpose.valueOf(row.getString(2)), row.getString(3),
                        row.getString(4), Instant.parse(row.getString(5)),
                        Instant.parse(row.getString(6)), instant(row.getString(7)),
                        row.getString(8)));
            }
        }
    }

    /** @return 1 when the token was unused and is now used up, else 0 */
    static int use(Connection connection, TokenRedemption request) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(USE)) {
            update.setString(1, request.at().toString());
            update.setString(2, request.applianceId());
            update.setString(3, request.tokenHash());
            return update.executeUpdate();
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
