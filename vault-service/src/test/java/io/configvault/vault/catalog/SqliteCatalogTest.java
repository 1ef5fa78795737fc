package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.catalog.EnrolmentToken.Purpose;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The contract on a real SQLite file, plus what only a file can show: migrations, reopening. */
class SqliteCatalogTest extends CatalogContract {

    @Override
    Catalog open(Path dir) throws Exception {
        return SqliteCatalog.open(dir.resolve("catalog.db"));
    }

    @Test
    void tokensAndAppliancesSurviveReopening() throws Exception {
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));
        catalog.redeem(redemption("nas-1", "KEY-A", T0));
        ((SqliteCatalog) catalog).close();

        catalog = open(dir);

        assertThat(catalog.enrolmentToken(HASH)).map(EnrolmentToken::usedBy).contains("nas-1");
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint).contains("KEY-A");
    }

    @Test
    void aVersionOneCatalogIsMigratedKeepingItsRows() throws Exception {
        ((SqliteCatalog) catalog).close();
        Path file = dir.resolve("v1.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE appliances (id TEXT PRIMARY KEY, fleet TEXT NOT NULL,"
                    + " public_key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                    + " enrolled_at TEXT NOT NULL)");
            // As version 1 created it: later migrations derive columns from these.
            sql.execute("CREATE TABLE snapshots (id TEXT PRIMARY KEY, appliance_id TEXT NOT NULL,"
                    + " fleet TEXT NOT NULL, sequence INTEGER NOT NULL, trigger TEXT NOT NULL,"
                    + " captured_at TEXT NOT NULL, time_zone TEXT NOT NULL, label TEXT,"
                    + " restorable INTEGER NOT NULL, bundle_bytes INTEGER NOT NULL,"
                    + " bundle_sha256 TEXT NOT NULL, stored_bytes INTEGER NOT NULL,"
                    + " stored_sha256 TEXT NOT NULL, object_key TEXT NOT NULL UNIQUE,"
                    + " storage_key TEXT NOT NULL, stored_at TEXT NOT NULL)");
            sql.execute("INSERT INTO appliances VALUES ('nas-1', 'lab', 'armored KEY-A', 'KEY-A',"
                    + " '" + T0 + "')");
            sql.execute("PRAGMA user_version = 1");
        }

        catalog = SqliteCatalog.open(file);

        assertThat(catalog.appliance("nas-1")).contains(appliance("nas-1", "lab", "KEY-A"));
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));
        assertThat(catalog.enrolmentToken(HASH)).isPresent();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement();
             var row = sql.executeQuery("PRAGMA user_version")) {
            assertThat(row.getInt(1)).as("schema version").isEqualTo(CatalogSchema.version());
        }
    }

    @Test
    void aPositionThatCannotBeWrittenTakesItsRowBackWithIt() throws Exception {
        Path file = dir.resolve("catalog.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            // Behind the catalog's back: the second statement of the transaction now fails.
            sql.execute("DROP TABLE consumed_positions");
        }
        SnapshotRecord record = snapshot("nas-1");

        assertThatThrownBy(() -> catalog.insert(record, new ConsumedPosition("snapshots", 0, 5)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Cannot record snapshot " + record.id()
                        + " and position snapshots-0@5 in catalog catalog.db");

        assertThat(catalog.snapshot(record.id())).as("the row rolled back").isEmpty();
    }

    @Test
    void rowsAndPositionsSurviveReopening() throws Exception {
        SnapshotRecord record = snapshot("nas-1");
        catalog.insert(record, new ConsumedPosition("snapshots", 3, 42));
        ((SqliteCatalog) catalog).close();

        catalog = open(dir);

        assertThat(catalog.snapshot(record.id())).contains(record);
        assertThat(catalog.consumedPosition("snapshots", 3)).hasValue(42);
    }

    @Test
    void aCatalogNewerThanTheCodeIsRefused() throws Exception {
        ((SqliteCatalog) catalog).close();
        Path file = dir.resolve("future.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA user_version = " + (CatalogSchema.version() + 1));
        }

        assertThatThrownBy(() -> SqliteCatalog.open(file))
                .isInstanceOf(CatalogException.class)
                .hasMessage("Cannot open catalog " + file + ": catalog schema version "
                        + (CatalogSchema.version() + 1) + " is newer than this vault understands ("
                        + CatalogSchema.version() + ")");
    }
}
