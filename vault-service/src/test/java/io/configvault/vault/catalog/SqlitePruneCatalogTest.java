package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.retention.Candidate;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
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

    /** Object Lock columns are written by the ingest; here by hand. */
    private void sql(String statement) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("catalog.db"));
             var s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void aLockedSnapshotIsNotTombstonedBeforeItsRetainUntil() throws Exception {
        SnapshotRecord locked = store("nas-1", "lab", T0);
        Instant until = T0.plusSeconds(7200);
        sql("UPDATE snapshots SET retain_until_ms = " + until.toEpochMilli()
                + ", lock_mode = 'GOVERNANCE' WHERE id = '" + locked.id() + "'");

        assertThat(catalog.candidates("nas-1")).extracting(Candidate::retainUntil)
                .containsExactly(until);
        assertThat(catalog.tombstone(List.of(deletion(locked)), until.minusMillis(1)))
                .isEmpty();
        assertThat(catalog.snapshot(locked.id())).isPresent();
        assertThat(catalog.recentAudit(10)).isEmpty();

        assertThat(catalog.tombstone(List.of(deletion(locked)), until))
                .containsExactly(locked);
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
