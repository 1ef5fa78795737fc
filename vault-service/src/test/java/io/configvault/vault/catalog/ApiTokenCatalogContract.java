package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.ApiTokenCatalog.Revocation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ApiTokenCatalog} must do; run against both catalogs. */
abstract class ApiTokenCatalogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    abstract ApiTokenCatalog tokens();

    static ApiToken token(String id, String name, String role, String... fleets) {
        return new ApiToken(id, name, role, List.of(fleets), "hash-" + id, T0, "admin", null);
    }

    @Test
    void aTokenIsAddedAndFoundByHashAndById() throws Exception {
        assertThat(tokens().noApiTokens()).isTrue();
        ApiToken viewer = token("tok-b", "ci", "viewer", "lab", "edge");

        assertThat(tokens().addApiToken(viewer)).isTrue();

        assertThat(tokens().noApiTokens()).isFalse();
        assertThat(tokens().apiTokenByHash("hash-tok-b")).contains(viewer);
        assertThat(tokens().apiToken("tok-b")).contains(viewer);
        assertThat(tokens().apiTokenByHash("hash-other")).isEmpty();
        assertThat(tokens().apiToken("tok-x")).isEmpty();
    }

    @Test
    void aNameIsUniqueAmongValidTokensOnly() throws Exception {
        tokens().addApiToken(token("tok-a", "admin", "admin", "*"));
        assertThat(tokens().addApiToken(token("tok-b", "ci", "viewer", "lab"))).isTrue();

        assertThat(tokens().addApiToken(token("tok-c", "ci", "operator", "lab"))).isFalse();
        assertThat(tokens().apiToken("tok-c")).isEmpty();

        assertThat(tokens().revokeApiToken("tok-b", T0.plusSeconds(5)))
                .isEqualTo(Revocation.REVOKED);
        assertThat(tokens().addApiToken(token("tok-c", "ci", "operator", "lab"))).isTrue();
    }

    @Test
    void tokensArePagedById() throws Exception {
        for (String id : List.of("tok-c", "tok-a", "tok-b")) {
            tokens().addApiToken(token(id, "n" + id, "viewer", "lab"));
        }

        assertThat(tokens().apiTokens(null, 2)).extracting(ApiToken::id)
                .containsExactly("tok-a", "tok-b");
        assertThat(tokens().apiTokens("tok-b", 2)).extracting(ApiToken::id)
                .containsExactly("tok-c");
    }

    @Test
    void aRevokedTokenStaysWithItsFirstRevocationTime() throws Exception {
        tokens().addApiToken(token("tok-a", "admin", "admin", "*"));
        tokens().addApiToken(token("tok-b", "ci", "operator", "lab"));

        assertThat(tokens().revokeApiToken("tok-b", T0.plusSeconds(5)))
                .isEqualTo(Revocation.REVOKED);
        assertThat(tokens().revokeApiToken("tok-b", T0.plusSeconds(9)))
                .isEqualTo(Revocation.REVOKED);

        ApiToken revoked = tokens().apiTokenByHash("hash-tok-b").orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(revoked.revoked()).isTrue();
        assertThat(tokens().revokeApiToken("tok-x", T0)).isEqualTo(Revocation.UNKNOWN);
    }

    @Test
    void theLastValidAdminOfAllFleetsCannotBeRevoked() throws Exception {
        tokens().addApiToken(token("tok-a", "admin", "admin", "*"));
        tokens().addApiToken(token("tok-b", "lab-admin", "admin", "lab"));

        assertThat(tokens().revokeApiToken("tok-a", T0)).isEqualTo(Revocation.LAST_ADMIN);
        assertThat(tokens().apiToken("tok-a").orElseThrow().revoked()).isFalse();

        tokens().addApiToken(token("tok-c", "second", "admin", "*"));
        assertThat(tokens().revokeApiToken("tok-a", T0)).isEqualTo(Revocation.REVOKED);
        assertThat(tokens().revokeApiToken("tok-c", T0)).isEqualTo(Revocation.LAST_ADMIN);
        assertThat(tokens().revokeApiToken("tok-b", T0)).isEqualTo(Revocation.REVOKED);
    }
}
