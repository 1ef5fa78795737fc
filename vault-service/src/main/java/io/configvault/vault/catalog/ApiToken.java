package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * A named bearer token of the operator API as the catalog keeps it: never the secret, only its
 * SHA-256 ({@code hash}, lower-case hex). {@code role} is {@code viewer}, {@code operator} or
 * {@code admin}; {@code fleets} the fleet ids it may see, or {@code ["*"]} for all.
 *
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record ApiToken(String id, String name, String role, List<String> fleets, String hash,
                       Instant createdAt, String createdBy, @Nullable Instant revokedAt) {

    /** In {@link #fleets}: every fleet. */
    public static final String ALL_FLEETS = "*";

    public ApiToken {
        fleets = List.copyOf(fleets);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** True when this token is a valid admin of every fleet. */
    public boolean liveAdminOfAllFleets() {
        return !revoked() && "admin".equals(role) && fleets.contains(ALL_FLEETS);
    }
}
