package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteApiTokenCatalogTest extends ApiTokenCatalogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    ApiTokenCatalog tokens() {
        return sqlite.catalog();
    }

    @Test
    void tokensAndRevocationsSurviveReopening() throws Exception {
        sqlite.catalog().addApiToken(token("tok-a", "admin", "admin", "*"));
        sqlite.catalog().addApiToken(token("tok-b", "ci", "viewer", "lab", "edge"));
        sqlite.catalog().revokeApiToken("tok-b", T0.plusSeconds(1));
        sqlite.reopen();

        assertThat(sqlite.catalog().apiToken("tok-a"))
                .contains(token("tok-a", "admin", "admin", "*"));
        ApiToken ci = sqlite.catalog().apiToken("tok-b").orElseThrow();
        assertThat(ci.fleets()).containsExactly("lab", "edge");
        assertThat(ci.revokedAt()).isEqualTo(T0.plusSeconds(1));
    }
}
