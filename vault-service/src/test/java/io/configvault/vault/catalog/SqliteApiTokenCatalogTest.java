package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteApiTokenCatalogTest extends ApiTokenCatalogContract {

    @TempDir
    Path dir;

    private SqliteCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Override
    ApiTokenCatalog tokens() {
        return catalog;
    }

    @Test
    void tokensAndRevocationsSurviveReopening() throws Exception {
        catalog.addApiToken(token("tok-a", "admin", "admin", "*"));
        catalog.addApiToken(token("tok-b", "ci", "viewer", "lab", "edge"));
        catalog.revokeApiToken("tok-b", T0.plusSeconds(1));
        catalog.close();

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.apiToken("tok-a")).contains(token("tok-a", "admin", "admin", "*"));
        ApiToken ci = catalog.apiToken("tok-b").orElseThrow();
        assertThat(ci.fleets()).containsExactly("lab", "edge");
        assertThat(ci.revokedAt()).isEqualTo(T0.plusSeconds(1));
    }
}
