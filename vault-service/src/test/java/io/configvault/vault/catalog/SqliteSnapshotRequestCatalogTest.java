package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSnapshotRequestCatalogTest extends SnapshotRequestCatalogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Override
    SnapshotRequestCatalog requests() {
        return sqlite.catalog();
    }

    @Test
    void requestsSurviveReopening() throws Exception {
        sqlite.catalog().addSnapshotRequest(row(REQUEST, "nas-1"));
        sqlite.catalog().fulfil(REQUEST, "nas-1", SNAPSHOT, T0.plusSeconds(1));
        sqlite.reopen();

        assertThat(sqlite.catalog().snapshotRequest(REQUEST, null, 10)).containsExactly(
                row(REQUEST, "nas-1").fulfilled(SNAPSHOT, T0.plusSeconds(1)));
    }
}
