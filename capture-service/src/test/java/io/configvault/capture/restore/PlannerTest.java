package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan: what a restore would change, entry by entry, and table by table for SQLite. */
class PlannerTest {

    @TempDir
    Path dir;

    private Path appliance;
    private Path database;
    private SourceSpec db;
    private SourceSpec appConf;
    private SourceSpec hostKey;

    @BeforeEach
    void setUp() throws Exception {
        appliance = Files.createDirectories(dir.resolve("appliance"));
        database = appliance.resolve("config.db");
        try (LiveDatabase live = LiveDatabase.create(database)) {
            live.put("hostname", "nas-17");
            live.put("timezone", "Europe/Berlin");
        }
        sql(database, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                "INSERT INTO users (name) VALUES ('root'), ('backup')",
                "CREATE TABLE shares (name TEXT PRIMARY KEY, path TEXT) WITHOUT ROWID",
                "INSERT INTO shares VALUES ('media', '/mnt/media')");
        Files.writeString(appliance.resolve("app.conf"), "listen=0.0.0.0:443\n");
        Files.writeString(appliance.resolve("host_key"), "KEY-1\n");
        db = new SourceSpec("config.db", SourceKind.SQLITE, database, true);
        appConf = new SourceSpec("app.conf", SourceKind.FILE, appliance.resolve("app.conf"),
                false);
        hostKey = new SourceSpec("ssh/host_key", SourceKind.FILE, appliance.resolve("host_key"),
                true);
    }

    @Test
    void comparesEveryEntryWithTheCurrentFileBySha256() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(db, appConf, hostKey);
        Files.writeString(appliance.resolve("app.conf"), "listen=127.0.0.1:443\n");
        Files.delete(appliance.resolve("host_key"));

        RestorePlan plan = Planner.plan(snapshot.verified(), List.of(db, appConf, hostKey),
                dir.resolve("saved"));

        assertThat(plan.entries()).extracting(e -> e.name() + " " + e.action())
                .containsExactly("config.db CHANGE", "app.conf CHANGE", "ssh/host_key ADD");
        assertThat(plan.writes()).extracting(PlannedEntry::name)
                .containsExactly("config.db", "app.conf", "ssh/host_key");
        assertThat(plan.entries().get(2).target()).isEqualTo(appliance.resolve("host_key"));
        assertThat(plan.entries().get(0).detail()).as("a copy of an unchanged database")
                .isEqualTo("no table content differs, only the file");
    }

    @Test
    void anIdenticalFileIsUnchangedAndNotWritten() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(appConf, hostKey);
        Files.writeString(appliance.resolve("host_key"), "KEY-2\n");

        RestorePlan plan = Planner.plan(snapshot.verified(), List.of(appConf, hostKey),
                dir.resolve("saved"));

        assertThat(plan.entries()).extracting(PlannedEntry::action).containsExactly(
                PlannedEntry.Action.UNCHANGED, PlannedEntry.Action.CHANGE);
        assertThat(plan.writes()).extracting(PlannedEntry::name).containsExactly("ssh/host_key");
        assertThat(plan.describe(true)).containsExactly(
                "  unchanged app.conf -> " + appliance.resolve("app.conf"),
                "  changed   ssh/host_key -> " + appliance.resolve("host_key"));
    }

    @Test
    void namesTheTablesThatARestoreChanges() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(db);
        sql(database, "UPDATE settings SET value = 'nas-18' WHERE key = 'hostname'",
                "DELETE FROM users WHERE name = 'backup'",
                "DROP TABLE shares",
                "CREATE TABLE plugins (name TEXT)",
                "PRAGMA user_version = 4");

        PlannedEntry entry = Planner.plan(snapshot.verified(), List.of(db), dir.resolve("saved"))
                .entries().getFirst();

        assertThat(entry.action()).isEqualTo(PlannedEntry.Action.CHANGE);
        assertThat(entry.tables().changed()).containsExactly("settings", "users");
        assertThat(entry.tables().added()).as("tables the restore brings back")
                .containsExactly("shares");
        assertThat(entry.tables().removed()).as("tables the restore drops")
                .containsExactly("plugins");
        assertThat(entry.detail()).isEqualTo("tables changed: settings, users; tables added:"
                + " shares; tables removed: plugins; user_version 4 -> 0");
    }

    @Test
    void aChangedIndexOrADifferentRowOrderInAWithoutRowidTableIsNoticed() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(db);
        sql(database, "CREATE INDEX users_by_name ON users (name)",
                "UPDATE shares SET path = '/mnt/tank/media'");

        PlannedEntry entry = Planner.plan(snapshot.verified(), List.of(db), dir.resolve("saved"))
                .entries().getFirst();

        assertThat(entry.detail()).isEqualTo("tables changed: shares;"
                + " indexes, views or triggers differ");
    }

    @Test
    void aCurrentFileThatIsNoDatabaseIsReplacedWithTheReasonShown() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(db);
        Files.delete(database);
        Files.writeString(database, "not a database, just a damaged file of some length .....");

        PlannedEntry entry = Planner.plan(snapshot.verified(), List.of(db), dir.resolve("saved"))
                .entries().getFirst();

        assertThat(entry.action()).isEqualTo(PlannedEntry.Action.CHANGE);
        assertThat(entry.detail()).startsWith("the current file cannot be read as a SQLite"
                + " database: ");
    }

    @Test
    void reportsSourcesTheSnapshotLacksEntriesNoSourceTakesAndCommandOutput() throws Exception {
        SnapshotFixtures.Fixture captured = capture(appConf, hostKey);
        Path dump = Files.writeString(dir.resolve("dump.sql"), "CREATE TABLE t(x);\n");
        List<ManifestEntry> entries = new ArrayList<>(captured.manifest().entries());
        entries.add(SnapshotFixtures.commandEntry("dumps/mysql.sql", dump));
        Map<String, Path> contents = new LinkedHashMap<>(captured.contents());
        contents.put("dumps/mysql.sql", dump);
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.bundle(dir.resolve("with-dump"),
                SnapshotFixtures.APPLIANCE, entries, contents);
        SourceSpec appConfAsSqlite = new SourceSpec("app.conf", SourceKind.SQLITE,
                appliance.resolve("app.conf"), false);
        Path saved = dir.resolve("saved");

        RestorePlan plan = Planner.plan(snapshot.verified(), List.of(appConfAsSqlite, db), saved);

        assertThat(plan.entries()).extracting(e -> e.name() + " " + e.action() + " " + e.detail())
                .containsExactly(
                        "app.conf SKIP the entry is a file entry, the configured source a sqlite"
                                + " source",
                        "ssh/host_key SKIP no configured source has this name",
                        "dumps/mysql.sql SAVE command entries are not restored automatically",
                        "config.db NOT_IN_SNAPSHOT not in the snapshot; left as it is");
        assertThat(plan.writes()).isEmpty();
        assertThat(plan.saves()).extracting(PlannedEntry::target)
                .containsExactly(saved.resolve("dumps/mysql.sql"));
        assertThat(plan.describe(true).get(2)).isEqualTo("  saved     dumps/mysql.sql -> would be"
                + " saved to " + saved.resolve("dumps/mysql.sql")
                + " (command entries are not restored automatically)");
    }

    @Test
    void theFilesOfADirectorySourceAreSavedAndTheSourceIsNotReportedMissing() throws Exception {
        Path etc = Files.createDirectories(appliance.resolve("etc"));
        Files.writeString(etc.resolve("a.conf"), "a=1\n");
        SourceSpec directory = new SourceSpec("etc/app", SourceKind.DIRECTORY, etc, false);
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.capture(dir.resolve("dir-snapshot"),
                SnapshotFixtures.APPLIANCE, List.of(directory));
        Path saved = dir.resolve("saved");

        RestorePlan plan = Planner.plan(snapshot.verified(), List.of(directory), saved);

        assertThat(plan.entries()).extracting(e -> e.name() + " " + e.action() + " " + e.target())
                .containsExactly("etc/app/a.conf SAVE " + saved.resolve("etc/app/a.conf"));
        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void refusesATargetThatIsALinkOrWhoseDirectoryIsGone() throws Exception {
        SnapshotFixtures.Fixture snapshot = capture(appConf);
        Path real = Files.move(appliance.resolve("app.conf"), dir.resolve("elsewhere.conf"));
        Files.createSymbolicLink(appliance.resolve("app.conf"), real);

        assertThatThrownBy(() -> Planner.plan(snapshot.verified(), List.of(appConf),
                dir.resolve("saved")))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage("cannot restore source 'app.conf' (" + appliance.resolve("app.conf")
                        + "): it is not a regular file (a link, directory or device)");

        SourceSpec moved = new SourceSpec("app.conf", SourceKind.FILE,
                dir.resolve("gone/app.conf"), false);
        assertThatThrownBy(() -> Planner.plan(snapshot.verified(), List.of(moved),
                dir.resolve("saved")))
                .hasMessage("cannot restore source 'app.conf' (" + dir.resolve("gone/app.conf")
                        + "): its directory " + dir.resolve("gone") + " does not exist");
    }

    private SnapshotFixtures.Fixture capture(SourceSpec... sources) throws Exception {
        return SnapshotFixtures.capture(dir.resolve("snapshot-" + System.nanoTime()),
                SnapshotFixtures.APPLIANCE, List.of(sources));
    }

    static void sql(Path database, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }
}
