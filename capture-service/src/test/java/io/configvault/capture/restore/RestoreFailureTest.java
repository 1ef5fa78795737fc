package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores that must not change the configuration, or must put it back: refused snapshots,
 * failing hooks, a write failure halfway, a pre-restore snapshot that cannot be taken.
 */
class RestoreFailureTest {

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
    void aManifestOfAnotherApplianceIsRefusedBeforeAnythingChanges() throws Exception {
        SnapshotFixtures.Fixture foreign = SnapshotFixtures.capture(h.dir.resolve("foreign"),
                "nas-99", h.sources).listedAs(SnapshotFixtures.APPLIANCE);
        h.changeEverything();
        h.vault.serve(foreign);

        h.assertRefusedAndUntouched(foreign, "it belongs to appliance nas-99, not to this"
                + " appliance (nas-17)");
    }

    @Test
    void aBundleThatDiffersFromTheListedSha256IsRefused() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        String other = "0".repeat(64);
        h.vault.serve(snapshot.listedWithSha256(other));

        h.assertRefusedAndUntouched(snapshot, "the downloaded bundle's SHA-256 "
                + snapshot.listedSha256() + " differs from the " + other
                + " the vault lists for it");
    }

    @Test
    void anEntryThatDiffersFromItsManifestDigestIsRefused() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        byte[] bundle = Files.readAllBytes(snapshot.bundle());
        String text = new String(bundle, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("HOST-KEY-1");
        bundle[at] = 'X';
        Files.write(snapshot.bundle(), bundle);
        h.vault.serve(snapshot.listedWithSha256(Sha256.of(bundle)));

        h.assertRefusedAndUntouched(snapshot, "the bundle is damaged: bundle entry"
                + " ssh/ssh_host_key does not match its SHA-256 in the manifest");
    }

    @Test
    void aFailingPreHookLeavesTheConfigurationUntouchedAndStillRunsThePostHook()
            throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);
        String dbBefore = Sha256.of(h.database);

        assertThatThrownBy(() -> h.restore(h.log("pre", "exit 3"), h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ABORTED))
                .hasMessage("the pre-hook exited with status 3; nothing was replaced; the"
                        + " post-hook ran");

        assertThat(Sha256.of(h.database)).isEqualTo(dbBefore);
        assertThat(h.appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(h.hostKey).hasContent("HOST-KEY-2");
        assertThat(Files.readAllLines(h.hookLog)).containsExactly("pre " + snapshot.id() + " -",
                "post " + snapshot.id() + " not-restored");
        assertThat(h.outbox.oldest().orElseThrow().trigger()).isEqualTo(Trigger.PRE_RESTORE);
        assertThat(h.leftovers()).isEmpty();
    }

    @Test
    void aWriteFailureHalfwayPutsEveryReplacedFileBack() throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);
        Object appConfInode = Files.readAttributes(h.appConf,
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        // The last entry's directory vanishes between the plan and the swap (here: in the
        // pre-hook), after config.db and app.conf were installed.
        Hook pre = h.log("pre", "rm -r \"" + h.otherDir + "\"");

        assertThatThrownBy(() -> h.restore(pre, h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ROLLED_BACK))
                .hasMessageStartingWith("cannot install ssh/ssh_host_key (" + h.hostKey + "): ")
                .hasMessageEndingWith("; every file was put back as it was; the post-hook ran");

        assertThat(LiveDatabase.rowsOf(h.database)).containsEntry("hostname", "changed-after");
        assertThat(h.appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(Files.readAttributes(h.appConf, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey()).as("the very file, not a copy").isEqualTo(appConfInode);
        assertThat(Files.readAllLines(h.hookLog)).last()
                .isEqualTo("post " + snapshot.id() + " rolled-back");
        assertThat(h.leftovers()).isEmpty();
    }

    @Test
    void aPreRestoreSnapshotThatCannotBeTakenStopsTheRestoreUnlessTheOperatorWaivesIt()
            throws Exception {
        SnapshotFixtures.Fixture snapshot = h.snapshotNowThenChangeEverything();
        h.vault.serve(snapshot);
        h.maxSnapshotBytes = 1024;

        assertThatThrownBy(() -> h.restore(h.log("pre", ""), h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ABORTED))
                .hasMessageStartingWith("the pre-restore snapshot failed (Cannot capture"
                        + " PRE_RESTORE snapshot of appliance nas-17: ")
                .hasMessageEndingWith("nothing was replaced (if the current configuration"
                        + " cannot be captured and need not be kept, run again with"
                        + " --no-pre-restore-snapshot)");
        assertThat(h.appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(h.hookLog).doesNotExist();
        assertThat(h.leftovers()).isEmpty();
        h.workspace.close();

        Restore.Outcome outcome = h.restore(h.log("pre", ""), h.log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false, false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.Restored.class);
        assertThat(h.appConf).hasContent("listen=0.0.0.0:443");
        assertThat(h.outbox.depth()).isZero();
        assertThat(h.printed()).contains("No pre-restore snapshot (--no-pre-restore-snapshot)");
    }
}
