package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ApiTokenCatalog} that forwards every call to {@link #apiTokenCatalog()}: how {@link
 * SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role implements
 * it.
 */
interface ForwardingApiTokenCatalog extends ApiTokenCatalog {

    /** The part that implements {@link ApiTokenCatalog}. */
    ApiTokenCatalog apiTokenCatalog();

    @Override
    default boolean addApiToken(ApiToken token) throws CatalogException {
        return apiTokenCatalog().addApiToken(token);
    }

    @Override
    default Optional<ApiToken> apiTokenByHash(String hash) throws CatalogException {
        return apiTokenCatalog().apiTokenByHash(hash);
    }

    @Override
    default Optional<ApiToken> apiToken(String id) throws CatalogException {
        return apiTokenCatalog().apiToken(id);
    }

    @Override
    default List<ApiToken> apiTokens(@Nullable String afterId, int limit)
            throws CatalogException {
        return apiTokenCatalog().apiTokens(afterId, limit);
    }

    @Override
    default boolean noApiTokens() throws CatalogException {
        return apiTokenCatalog().noApiTokens();
    }

    @Override
    default Revocation revokeApiToken(String id, Instant at) throws CatalogException {
        return apiTokenCatalog().revokeApiToken(id, at);
    }
}
