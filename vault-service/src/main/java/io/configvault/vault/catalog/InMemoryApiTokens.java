package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link ApiTokenCatalog} in memory, for unit tests (and {@link InMemoryCatalog}). */
public final class InMemoryApiTokens implements ApiTokenCatalog {

    private final Map<String, ApiToken> byId = new TreeMap<>();

    @Override
    public synchronized boolean addApiToken(ApiToken token) {
        boolean taken = byId.containsKey(token.id()) || byId.values().stream()
                .anyMatch(t -> !t.revoked() && t.name().equals(token.name())
                        || t.hash().equals(token.hash()));
        if (taken) {
            return false;
        }
        byId.put(token.id(), token);
        return true;
    }

    @Override
    public synchronized Optional<ApiToken> apiTokenByHash(String hash) {
        return byId.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiToken> apiToken(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized List<ApiToken> apiTokens(@Nullable String afterId, int limit) {
        return byId.values().stream().filter(t -> afterId == null || t.id().compareTo(afterId) > 0)
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean noApiTokens() {
        return byId.isEmpty();
    }

    @Override
    public synchronized Revocation revokeApiToken(String id, Instant at) {
        ApiToken token = byId.get(id);
        if (token == null) {
            return Revocation.UNKNOWN;
        }
        if (token.revoked()) {
            return Revocation.REVOKED;
        }
        if (token.liveAdminOfAllFleets() && byId.values().stream()
                .noneMatch(t -> !t.id().equals(id) && t.liveAdminOfAllFleets())) {
            return Revocation.LAST_ADMIN;
        }
        byId.put(id, new ApiToken(id, token.name(), token.role(), token.fleets(), token.hash(),
                token.createdAt(), token.createdBy(), Instant.ofEpochMilli(at.toEpochMilli())));
        return Revocation.REVOKED;
    }
}
