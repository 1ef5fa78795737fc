package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSnapshotRequestCatalogTest extends SnapshotRequestCatalogContract {

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
    Catalog catalog() {
        return catalog;
    }

    @Override
    SnapshotRequestCatalog requests() {
        return catalog;
    }

    @Test
    void requestsSurviveReopening() throws Exception {
        catalog.addSnapshotRequest(row(REQUEST, "nas-1"));
        catalog.fulfil(REQUEST, "nas-1", SNAPSHOT, T0.plusSeconds(1));
        catalog.close();

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.snapshotRequest(REQUEST, null, 10)).containsExactly(
                row(REQUEST, "nas-1").fulfilled(SNAPSHOT, T0.plusSeconds(1)));
    }
}
