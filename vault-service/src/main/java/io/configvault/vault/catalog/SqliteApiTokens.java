package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link ApiTokenCatalog} in the SQLite catalog ({@link ApiTokenRows}). */
final class SqliteApiTokens implements ApiTokenCatalog {

    private final SqliteDatabase database;

    SqliteApiTokens(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public boolean addApiToken(ApiToken token) throws CatalogException {
        return database.query("add API token " + token.name(), c -> ApiTokenRows.insert(c, token));
    }

    @Override
    public Optional<ApiToken> apiTokenByHash(String hash) throws CatalogException {
        return database.query("read an API token", c -> ApiTokenRows.byHash(c, hash));
    }

    @Override
    public Optional<ApiToken> apiToken(String id) throws CatalogException {
        return database.query("read API token " + id, c -> ApiTokenRows.byId(c, id));
    }

    @Override
    public List<ApiToken> apiTokens(@Nullable String afterId, int limit)
            throws CatalogException {
        return database.query("list API tokens", c -> ApiTokenRows.page(c, afterId, limit));
    }

    @Override
    public boolean noApiTokens() throws CatalogException {
        return database.query("count API tokens", ApiTokenRows::none);
    }

    /** One transaction: the last-admin check and the revocation. */
    @Override
    public Revocation revokeApiToken(String id, Instant at) throws CatalogException {
        return database.inTransaction("revoke API token " + id,
                c -> ApiTokenRows.revoke(c, id, at));
    }
}
