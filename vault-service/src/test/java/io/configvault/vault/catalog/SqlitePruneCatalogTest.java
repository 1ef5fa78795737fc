package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePruneCatalogTest extends PruneCatalogContract {

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
    PruneCatalog prune() {
        return catalog;
    }

    @Override
    VerificationLog log() {
        return catalog;
    }

    @Override
    PolicyCatalog policies() {
        return catalog;
    }

    @Override
    AuditLog audit() {
        return catalog;
    }

    /** A change by hand, as an operator's edit of the file would make it. */
    private void sql(String statement) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("catalog.db"));
             var s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void aPurgeTakesAHoldRowWithIt() throws Exception {
        SnapshotRecord deleted = store("nas-1", "lab", T0);
        tombstone(deleted);
        // Only an edit outside the vault puts a hold on a tombstoned row.
        sql("INSERT INTO holds VALUES ('" + deleted.id() + "', 'x', 'y', 0)");

        assertThat(catalog.purge(List.of(deleted.id()))).isEqualTo(1);

        assertThat(catalog.holdOf(deleted.id())).isEmpty();
    }

    @Test
    void tombstonesAndPassesSurviveReopening() throws Exception {
        SnapshotRecord deleted = store("nas-1", "lab", T0);
        tombstone(deleted);
        catalog.recordPass(T0);
        catalog.close();

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.tombstoned(10)).containsExactly(deleted);
        assertThat(catalog.snapshot(deleted.id())).isEmpty();
        assertThat(catalog.lastPassAt()).contains(T0);
    }

    @Test
    void aFailureIsACatalogExceptionNamingWhatFailed() throws Exception {
        catalog.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.candidates("nas-1"))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("Cannot list the snapshots of nas-1 for retention"
                        + " in catalog catalog.db: ");
    }
}
