package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlitePruneCatalogTest extends PruneCatalogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Override
    PruneCatalog prune() {
        return sqlite.catalog();
    }

    @Override
    VerificationLog log() {
        return sqlite.catalog();
    }

    @Override
    PolicyCatalog policies() {
        return sqlite.catalog();
    }

    @Override
    AuditLog audit() {
        return sqlite.catalog();
    }


    @Test
    void aPurgeTakesAHoldRowWithIt() throws Exception {
        SnapshotRecord deleted = store("nas-1", "lab", T0);
        tombstone(deleted);
        // Only an edit outside the vault puts a hold on a tombstoned row.
        sqlite.sql("INSERT INTO holds VALUES ('" + deleted.id() + "', 'x', 'y', 0)");

        assertThat(sqlite.catalog().purge(List.of(deleted.id()))).isEqualTo(1);

        assertThat(sqlite.catalog().holdOf(deleted.id())).isEmpty();
    }

    @Test
    void tombstonesAndPassesSurviveReopening() throws Exception {
        SnapshotRecord deleted = store("nas-1", "lab", T0);
        tombstone(deleted);
        sqlite.catalog().recordPass(T0);
        sqlite.reopen();

        assertThat(sqlite.catalog().tombstoned(10)).containsExactly(deleted);
        assertThat(sqlite.catalog().snapshot(deleted.id())).isEmpty();
        assertThat(sqlite.catalog().lastPassAt()).contains(T0);
    }

    @Test
    void aFailureIsACatalogExceptionNamingWhatFailed() throws Exception {
        sqlite.catalog().close();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> sqlite.catalog().candidates("nas-1"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("Cannot list the snapshots of nas-1 for retention"
                        + " in catalog catalog.db: ");
    }
}
