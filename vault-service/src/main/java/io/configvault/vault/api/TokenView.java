package io.configvault.vault.api;

import io.configvault.vault.catalog.ApiToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** An API token as {@code /api/v1/tokens} lists it: never its secret. */
@Serdeable
record TokenView(String id, String name, String role, List<String> fleets, String createdAt,
                 String createdBy, @Nullable String revokedAt) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.id(), token.name(), token.role(), token.fleets(),
                token.createdAt().toString(), token.createdBy(),
                token.revokedAt() == null ? null : token.revokedAt().toString());
    }

    /** A token just created, with its secret, shown this once. */
    @Serdeable
    record Created(String id, String token, String name, String role, List<String> fleets,
                   String createdAt) {

        static Created of(ApiTokens.Issued issued) {
            ApiToken token = issued.token();
            return new Created(token.id(), issued.secret(), token.name(), token.role(),
                    token.fleets(), token.createdAt().toString());
        }

        @Override
        public String toString() {
            return "Created[" + id + ", " + name + ", " + role + ", " + fleets + "]";
        }
    }

    /** @param next the id to ask for the next page after, or null on the last page */
    @Serdeable
    record Page(List<TokenView> items, @Nullable String next) {
    }
}
