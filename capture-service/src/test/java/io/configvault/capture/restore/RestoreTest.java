package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole restore against a canned vault, when it succeeds: real files and SQLite databases, the
 * real capture pipeline (sealing by copy, in-memory outbox), real hook processes
 * ({@link RestoreHarness}).
 */
class RestoreTest {

    @TempDir
    Path dir;

    private RestoreHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new RestoreHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void restoresEveryChangedFileAfterAPreRestoreSnapshotOfTheCurrentOne() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);

        Restore.Outcome outcome = h.restore(h.log("pre", "ls '" + h.dir.resolve("data/spool")
                        + "' | wc -l >> '" + h.hookLog + "'"),
                h.log("post", "")).run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.Restored.class);
        assertThat(LiveDatabase.rowsOf(h.database)).isEqualTo(Map.of("hostname", "nas-17",
                "ntp", "pool.ntp.org"));
        assertThat(h.appConf).hasContent("listen=0.0.0.0:443");
        assertThat(h.hostKey).hasContent("HOST-KEY-1");
        assertThat(SqliteFiles.usesWal(h.database)).isTrue();
        assertThat(Files.readAllLines(h.hookLog)).as("the pre-hook saw the pre-restore snapshot"
                + " in the outbox; the post-hook ran last").containsExactly(
                "pre " + snapshot.id() + " -", "1", "post " + snapshot.id() + " restored");

        OutboxEntry before = h.outbox.oldest().orElseThrow();
        assertThat(before.trigger()).isEqualTo(Trigger.PRE_RESTORE);
        assertThat(((Restore.Outcome.Restored) outcome).preRestore().snapshotId())
                .isEqualTo(before.snapshotId());
        Map<String, byte[]> saved = h.contents(before.spoolFile());
        assertThat(new String(saved.get("app.conf"), StandardCharsets.UTF_8))
                .as("the pre-restore snapshot holds the configuration it replaced")
                .isEqualTo("listen=127.0.0.1:8443\n");
        Path oldDb = Files.write(h.dir.resolve("pre-restore.db"), saved.get("config.db"));
        assertThat(LiveDatabase.rowsOf(oldDb)).containsEntry("hostname", "changed-after");
        assertThat(h.manifest(before.spoolFile()).label())
                .isEqualTo("before restore of " + snapshot.id());

        assertThat(h.printed()).contains("Snapshot " + snapshot.id() + " (CHANGE, captured"
                        + " 2025-06-01T03:45:00Z) of appliance nas-17: verified (")
                .contains("  changed   config.db -> " + h.database + " (tables changed: settings)")
                .contains("  changed   app.conf -> " + h.appConf)
                .contains("Pre-restore snapshot " + before.snapshotId())
                .contains("Replaced 3 file(s) with snapshot " + snapshot.id())
                .contains("Restored snapshot " + snapshot.id() + ".");
        assertThat(h.leftovers()).isEmpty();
    }

    @Test
    void aDryRunPrintsTheChangedTablesAndWritesNothing() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);
        String dbBefore = Sha256.of(h.database);
        String confBefore = Sha256.of(h.appConf);

        Restore.Outcome outcome = h.restore(h.log("pre", ""), h.log("post", ""))
                .run(new RestoreArguments(null, true));

        assertThat(outcome).isInstanceOf(Restore.Outcome.DryRun.class);
        assertThat(h.printed()).contains("  changed   config.db -> " + h.database
                        + " (tables changed: settings)")
                .contains("Dry run: nothing was written. A restore would write 3 file(s).");
        assertThat(Sha256.of(h.database)).isEqualTo(dbBefore);
        assertThat(Sha256.of(h.appConf)).isEqualTo(confBefore);
        assertThat(h.outbox.depth()).as("no pre-restore snapshot").isZero();
        assertThat(h.hookLog).as("no hook ran").doesNotExist();
        assertThat(h.leftovers()).isEmpty();
    }

    @Test
    void aMissingFileIsAddedBackAndThePreRestoreSnapshotIsTakenWithoutIt() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);
        Files.delete(h.hostKey);

        Restore.Outcome outcome = h.restore(h.log("pre", ""), h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome.plan().entries()).extracting(PlannedEntry::action).containsExactly(
                PlannedEntry.Action.CHANGE, PlannedEntry.Action.CHANGE, PlannedEntry.Action.ADD);
        assertThat(h.hostKey).hasContent("HOST-KEY-1");
        assertThat(Files.getPosixFilePermissions(h.hostKey)).as("the manifest's mode")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(h.manifest(h.outbox.oldest().orElseThrow().spoolFile()).entries())
                .extracting(e -> e.name()).containsExactly("config.db", "app.conf");
    }

    @Test
    void aSnapshotMarkedNotRestorableIsRestoredWithAWarning() throws Exception {
        SnapshotFixtures.Fixture complete = SnapshotFixtures.capture(h.dir.resolve("complete"),
                SnapshotFixtures.APPLIANCE, h.sources);
        io.configvault.shared.bundle.Manifest m = complete.manifest();
        SnapshotFixtures.Fixture incomplete = SnapshotFixtures.bundle(h.dir.resolve("incomplete"),
                SnapshotFixtures.APPLIANCE, m.entries(), complete.contents(),
                "required source 'secret_seed' (/data/seed) is missing");
        h.changeEverything();
        h.vault.serve(incomplete);

        h.restore(h.log("pre", ""), h.log("post", "")).run(new RestoreArguments(incomplete.id(), false));

        assertThat(h.appConf).hasContent("listen=0.0.0.0:443");
        assertThat(h.printed()).contains("Warning: the snapshot is marked not restorable: required"
                + " source 'secret_seed' (/data/seed) is missing. What it holds is restored; what"
                + " it lacks must already be on this appliance.");
    }

    @Test
    void commandOutputIsSavedForTheOperatorNotRestored() throws Exception {
        Path dump = Files.writeString(h.dir.resolve("dump.sql"), "INSERT INTO t VALUES (1);\n");
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.bundle(h.dir.resolve("dump-snapshot"),
                SnapshotFixtures.APPLIANCE,
                List.of(SnapshotFixtures.commandEntry("dumps/app.sql", dump)),
                Map.of("dumps/app.sql", dump));
        h.vault.serve(snapshot);

        Restore.Outcome outcome = h.restore(h.log("pre", ""), h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.NothingToRestore.class);
        assertThat(h.outbox.depth()).as("nothing replaced, so no pre-restore snapshot").isZero();
        assertThat(h.hookLog).doesNotExist();
        Path saved = h.dir.resolve("data/restore/saved/" + snapshot.id() + "/dumps/app.sql");
        assertThat(saved).hasContent("INSERT INTO t VALUES (1);");
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(h.printed()).contains("  saved     dumps/app.sql -> saved to " + saved
                + " (command entries are not restored automatically)");
    }
}
