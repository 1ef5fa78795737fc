package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.Trigger;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteFleetCatalogTest extends FleetCatalogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Override
    FleetCatalog fleet() {
        return sqlite.catalog();
    }

    @Override
    PruneCatalog prune() {
        return sqlite.catalog();
    }

    /** A page walks an index of the appliance's rows, never the whole table. */
    @Test
    void filteredPagesUseAnIndex() throws Exception {
        sqlite.catalog().insert(row("nas-1", 0, Trigger.MANUAL, "x"));
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
                + sqlite.file());
             var row = connection.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (row.next()) {
                steps.add(row.getString("detail"));
            }
        }
        return steps;
    }
}
