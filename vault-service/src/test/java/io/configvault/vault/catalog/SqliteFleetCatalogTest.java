package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFleetCatalogTest extends FleetCatalogContract {

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
    FleetCatalog fleet() {
        return catalog;
    }

    @Override
    PruneCatalog prune() {
        return catalog;
    }

    /** A page walks an index of the appliance's rows, never the whole table. */
    @Test
    void filteredPagesUseAnIndex() throws Exception {
        catalog.insert(row("nas-1", 0, Trigger.MANUAL, "x"));
        for (String where : List.of("", " AND trigger = 'MANUAL'", " AND label = 'x'",
                " AND captured_at_ms >= 1 AND captured_at_ms < 2")) {
            assertThat(plan("SELECT id FROM snapshots WHERE appliance_id = 'nas-1'"
                    + " AND tombstoned_at_ms IS NULL" + where
                    + " AND (captured_at_ms < 5 OR (captured_at_ms = 5 AND id < 'z'))"
                    + " ORDER BY captured_at_ms DESC, id DESC LIMIT 10"))
                    .as(where).allSatisfy(step -> assertThat(step).doesNotStartWith("SCAN"))
                    .anySatisfy(step -> assertThat(step).contains("USING INDEX"));
        }
    }

    private List<String> plan(String sql) throws Exception {
        List<String> steps = new ArrayList<>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("catalog.db"));
             var row = connection.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (row.next()) {
                steps.add(row.getString("detail"));
            }
        }
        return steps;
    }
}
