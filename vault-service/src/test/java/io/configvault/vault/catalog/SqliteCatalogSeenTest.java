package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteCatalogSeenTest extends ApplianceSeenContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Test
    void aSightingSurvivesReopening() throws Exception {
        ApplianceSeen seen = new ApplianceSeen("nas-1", T0, FIRST, "a".repeat(64));
        sqlite.catalog().recordSeen(seen);
        sqlite.reopen();

        assertThat(sqlite.catalog().seen("nas-1")).contains(seen);
    }

    @Test
    void aCatalogOfTheFirstSchemaVersionIsUpgradedWithItsAppliancesKept() throws Exception {
        Path old = sqlite.dir().resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement()) {
            // Schema version 1 as the first release wrote it (later migrations alter its
            // tables, so all of it).
            statement.execute("CREATE TABLE appliances (id TEXT PRIMARY KEY, fleet TEXT NOT NULL,"
                    + " public_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                    + " enrolled_at TEXT NOT NULL)");
            statement.execute("CREATE TABLE snapshots (id TEXT PRIMARY KEY,"
                    + " appliance_id TEXT NOT NULL, fleet TEXT NOT NULL, sequence INTEGER NOT NULL,"
                    + " trigger TEXT NOT NULL, captured_at TEXT NOT NULL, time_zone TEXT NOT NULL,"
                    + " label TEXT, restorable INTEGER NOT NULL, bundle_bytes INTEGER NOT NULL,"
                    + " bundle_sha256 TEXT NOT NULL, stored_bytes INTEGER NOT NULL,"
                    + " stored_sha256 TEXT NOT NULL, object_key TEXT NOT NULL UNIQUE,"
                    + " storage_key TEXT NOT NULL, stored_at TEXT NOT NULL)");
            statement.execute("CREATE INDEX snapshots_by_appliance ON snapshots"
                    + " (appliance_id, captured_at)");
            statement.execute("INSERT INTO appliances VALUES ('nas-1', 'lab', 'key', 'F1',"
                    + " '2026-01-01T00:00:00Z')");
            statement.execute("PRAGMA user_version = 1");
        }

        try (SqliteCatalog upgraded = SqliteCatalog.open(old)) {
            assertThat(upgraded.appliance("nas-1")).contains(new Appliance("nas-1", "lab", "key",
                    "F1", Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(upgraded.seen("nas-1")).isEmpty();
            assertThat(upgraded.recordSeen(new ApplianceSeen("nas-1", T0, FIRST,
                    "a".repeat(64)))).isTrue();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).as("every migration applied").isGreaterThan(1);
        }
    }
}
