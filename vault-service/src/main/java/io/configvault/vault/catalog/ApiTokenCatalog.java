package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator API's bearer tokens (see {@link ApiToken}): added once, looked up by the hash of
 * a presented secret, revoked, never deleted (a revoked token stays listed for the audit trail).
 * A name is unique among the tokens that are not revoked. Implementations are thread-safe;
 * failures are {@link CatalogException}.
 */
public interface ApiTokenCatalog {

    /** @return false (and nothing added) when a valid token of the same name exists */
    boolean addApiToken(ApiToken token) throws CatalogException;

    /** The token whose secret hashes to {@code hash}, revoked or not. */
    Optional<ApiToken> apiTokenByHash(String hash) throws CatalogException;

    Optional<ApiToken> apiToken(String id) throws CatalogException;

    /** A page of tokens ordered by id, after {@code afterId} (null: from the first). */
    List<ApiToken> apiTokens(@Nullable String afterId, int limit) throws CatalogException;

    /** True when no token was ever added (the vault's first start). */
    boolean noApiTokens() throws CatalogException;

    /**
     * Revokes a token, refusing to revoke the last valid admin token of all fleets (which would
     * lock every admin out). The check and the write are one step.
     */
    Revocation revokeApiToken(String id, Instant at) throws CatalogException;

    /** What {@link #revokeApiToken} did. */
    enum Revocation {
        /** Revoked now, or it had been revoked before (the first revocation time stays). */
        REVOKED,
        /** No token has that id. */
        UNKNOWN,
        /** It is the last valid admin token of all fleets; nothing changed. */
        LAST_ADMIN
    }
}
