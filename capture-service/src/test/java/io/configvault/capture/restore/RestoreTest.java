package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.snapshot.SnapshotPipeline;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Trigger;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole restore against a canned vault: real files and SQLite databases, the real capture
 * pipeline (sealing by copy, in-memory outbox), real hook processes.
 */
class RestoreTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochSecond(1_750_000_000);
    private CannedVault vault;
    private Path appliance;
    private Path otherDir;
    private Path database;
    private Path appConf;
    private Path hostKey;
    private List<SourceSpec> sources;
    private InMemoryOutbox outbox;
    private Path hookLog;
    private RestoreWorkspace workspace;
    private long maxSnapshotBytes = 1 << 30;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        vault = CannedVault.start();
        appliance = Files.createDirectories(dir.resolve("appliance"));
        otherDir = Files.createDirectories(dir.resolve("ssh"));
        database = appliance.resolve("config.db");
        appConf = appliance.resolve("app.conf");
        hostKey = otherDir.resolve("ssh_host_key");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "nas-17");
            db.put("ntp", "pool.ntp.org");
        }
        Files.writeString(appConf, "listen=0.0.0.0:443\n");
        Files.writeString(hostKey, "HOST-KEY-1\n");
        sources = List.of(new SourceSpec("config.db", SourceKind.SQLITE, database, true),
                new SourceSpec("app.conf", SourceKind.FILE, appConf, false),
                new SourceSpec("ssh/ssh_host_key", SourceKind.FILE, hostKey, true));
        outbox = new InMemoryOutbox(dir.resolve("data/spool"));
        hookLog = dir.resolve("hooks.log");
    }

    @AfterEach
    void tearDown() {
        vault.close();
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    void restoresEveryChangedFileAfterAPreRestoreSnapshotOfTheCurrentOne() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);

        Restore.Outcome outcome = restore(log("pre", "ls '" + dir.resolve("data/spool")
                        + "' | wc -l >> '" + hookLog + "'"),
                log("post", "")).run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.Restored.class);
        assertThat(LiveDatabase.rowsOf(database)).isEqualTo(Map.of("hostname", "nas-17",
                "ntp", "pool.ntp.org"));
        assertThat(appConf).hasContent("listen=0.0.0.0:443");
        assertThat(hostKey).hasContent("HOST-KEY-1");
        assertThat(SqliteFiles.usesWal(database)).isTrue();
        assertThat(Files.readAllLines(hookLog)).as("the pre-hook saw the pre-restore snapshot"
                + " in the outbox; the post-hook ran last").containsExactly(
                "pre " + snapshot.id() + " -", "1", "post " + snapshot.id() + " restored");

        OutboxEntry before = outbox.oldest().orElseThrow();
        assertThat(before.trigger()).isEqualTo(Trigger.PRE_RESTORE);
        assertThat(((Restore.Outcome.Restored) outcome).preRestore().snapshotId())
                .isEqualTo(before.snapshotId());
        Map<String, byte[]> saved = contents(before.spoolFile());
        assertThat(new String(saved.get("app.conf"), StandardCharsets.UTF_8))
                .as("the pre-restore snapshot holds the configuration it replaced")
                .isEqualTo("listen=127.0.0.1:8443\n");
        Path oldDb = Files.write(dir.resolve("pre-restore.db"), saved.get("config.db"));
        assertThat(LiveDatabase.rowsOf(oldDb)).containsEntry("hostname", "changed-after");
        assertThat(manifest(before.spoolFile()).label())
                .isEqualTo("before restore of " + snapshot.id());

        assertThat(printed()).contains("Snapshot " + snapshot.id() + " (CHANGE, captured"
                        + " 2025-06-01T03:45:00Z) of appliance nas-17: verified (")
                .contains("  changed   config.db -> " + database + " (tables changed: settings)")
                .contains("  changed   app.conf -> " + appConf)
                .contains("Pre-restore snapshot " + before.snapshotId())
                .contains("Replaced 3 file(s) with snapshot " + snapshot.id())
                .contains("Restored snapshot " + snapshot.id() + ".");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aDryRunPrintsTheChangedTablesAndWritesNothing() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);
        String dbBefore = Sha256.of(database);
        String confBefore = Sha256.of(appConf);

        Restore.Outcome outcome = restore(log("pre", ""), log("post", ""))
                .run(new RestoreArguments(null, true));

        assertThat(outcome).isInstanceOf(Restore.Outcome.DryRun.class);
        assertThat(printed()).contains("  changed   config.db -> " + database
                        + " (tables changed: settings)")
                .contains("Dry run: nothing was written. A restore would write 3 file(s).");
        assertThat(Sha256.of(database)).isEqualTo(dbBefore);
        assertThat(Sha256.of(appConf)).isEqualTo(confBefore);
        assertThat(outbox.depth()).as("no pre-restore snapshot").isZero();
        assertThat(hookLog).as("no hook ran").doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aManifestOfAnotherApplianceIsRefusedBeforeAnythingChanges() throws Exception {
        SnapshotFixtures.Fixture foreign = SnapshotFixtures.capture(dir.resolve("foreign"),
                "nas-99", sources).listedAs(SnapshotFixtures.APPLIANCE);
        changeEverything();
        vault.serve(foreign);

        assertRefusedAndUntouched(foreign, "it belongs to appliance nas-99, not to this"
                + " appliance (nas-17)");
    }

    @Test
    void aBundleThatDiffersFromTheListedSha256IsRefused() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        String other = "0".repeat(64);
        vault.serve(snapshot.listedWithSha256(other));

        assertRefusedAndUntouched(snapshot, "the downloaded bundle's SHA-256 "
                + snapshot.listedSha256() + " differs from the " + other
                + " the vault lists for it");
    }

    @Test
    void anEntryThatDiffersFromItsManifestDigestIsRefused() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        byte[] bundle = Files.readAllBytes(snapshot.bundle());
        String text = new String(bundle, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("HOST-KEY-1");
        bundle[at] = 'X';
        Files.write(snapshot.bundle(), bundle);
        vault.serve(snapshot.listedWithSha256(Sha256.of(bundle)));

        assertRefusedAndUntouched(snapshot, "the bundle is damaged: bundle entry"
                + " ssh/ssh_host_key does not match its SHA-256 in the manifest");
    }

    @Test
    void aFailingPreHookLeavesTheConfigurationUntouchedAndStillRunsThePostHook()
            throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);
        String dbBefore = Sha256.of(database);

        assertThatThrownBy(() -> restore(log("pre", "exit 3"), log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ABORTED))
                .hasMessage("the pre-hook exited with status 3; nothing was replaced; the"
                        + " post-hook ran");

        assertThat(Sha256.of(database)).isEqualTo(dbBefore);
        assertThat(appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(hostKey).hasContent("HOST-KEY-2");
        assertThat(Files.readAllLines(hookLog)).containsExactly("pre " + snapshot.id() + " -",
                "post " + snapshot.id() + " not-restored");
        assertThat(outbox.oldest().orElseThrow().trigger()).isEqualTo(Trigger.PRE_RESTORE);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aWriteFailureHalfwayPutsEveryReplacedFileBack() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);
        Object appConfInode = Files.readAttributes(appConf,
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        // The last entry's directory vanishes between the plan and the swap (here: in the
        // pre-hook), after config.db and app.conf were installed.
        Hook pre = log("pre", "rm -r \"" + otherDir + "\"");

        assertThatThrownBy(() -> restore(pre, log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ROLLED_BACK))
                .hasMessageStartingWith("cannot install ssh/ssh_host_key (" + hostKey + "): ")
                .hasMessageEndingWith("; every file was put back as it was; the post-hook ran");

        assertThat(LiveDatabase.rowsOf(database)).containsEntry("hostname", "changed-after");
        assertThat(appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(Files.readAttributes(appConf, java.nio.file.attribute.BasicFileAttributes.class)
                .fileKey()).as("the very file, not a copy").isEqualTo(appConfInode);
        assertThat(Files.readAllLines(hookLog)).last()
                .isEqualTo("post " + snapshot.id() + " rolled-back");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aMissingFileIsAddedBackAndThePreRestoreSnapshotIsTakenWithoutIt() throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);
        Files.delete(hostKey);

        Restore.Outcome outcome = restore(log("pre", ""), log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome.plan().entries()).extracting(PlannedEntry::action).containsExactly(
                PlannedEntry.Action.CHANGE, PlannedEntry.Action.CHANGE, PlannedEntry.Action.ADD);
        assertThat(hostKey).hasContent("HOST-KEY-1");
        assertThat(Files.getPosixFilePermissions(hostKey)).as("the manifest's mode")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(manifest(outbox.oldest().orElseThrow().spoolFile()).entries())
                .extracting(e -> e.name()).containsExactly("config.db", "app.conf");
    }

    @Test
    void aPreRestoreSnapshotThatCannotBeTakenStopsTheRestoreUnlessTheOperatorWaivesIt()
            throws Exception {
        SnapshotFixtures.Fixture snapshot = snapshotNowThenChangeEverything();
        vault.serve(snapshot);
        maxSnapshotBytes = 1024;

        assertThatThrownBy(() -> restore(log("pre", ""), log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ABORTED))
                .hasMessageStartingWith("the pre-restore snapshot failed (Cannot capture"
                        + " PRE_RESTORE snapshot of appliance nas-17: ")
                .hasMessageEndingWith("nothing was replaced (if the current configuration"
                        + " cannot be captured and need not be kept, run again with"
                        + " --no-pre-restore-snapshot)");
        assertThat(appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(hookLog).doesNotExist();
        assertThat(leftovers()).isEmpty();
        workspace.close();

        Restore.Outcome outcome = restore(log("pre", ""), log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false, false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.Restored.class);
        assertThat(appConf).hasContent("listen=0.0.0.0:443");
        assertThat(outbox.depth()).isZero();
        assertThat(printed()).contains("No pre-restore snapshot (--no-pre-restore-snapshot)");
    }

    @Test
    void aSnapshotMarkedNotRestorableIsRestoredWithAWarning() throws Exception {
        SnapshotFixtures.Fixture complete = SnapshotFixtures.capture(dir.resolve("complete"),
                SnapshotFixtures.APPLIANCE, sources);
        io.configvault.shared.bundle.Manifest m = complete.manifest();
        SnapshotFixtures.Fixture incomplete = SnapshotFixtures.bundle(dir.resolve("incomplete"),
                SnapshotFixtures.APPLIANCE, m.entries(), complete.contents(),
                "required source 'secret_seed' (/data/seed) is missing");
        changeEverything();
        vault.serve(incomplete);

        restore(log("pre", ""), log("post", "")).run(new RestoreArguments(incomplete.id(), false));

        assertThat(appConf).hasContent("listen=0.0.0.0:443");
        assertThat(printed()).contains("Warning: the snapshot is marked not restorable: required"
                + " source 'secret_seed' (/data/seed) is missing. What it holds is restored; what"
                + " it lacks must already be on this appliance.");
    }

    @Test
    void commandOutputIsSavedForTheOperatorNotRestored() throws Exception {
        Path dump = Files.writeString(dir.resolve("dump.sql"), "INSERT INTO t VALUES (1);\n");
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.bundle(dir.resolve("dump-snapshot"),
                SnapshotFixtures.APPLIANCE,
                List.of(SnapshotFixtures.commandEntry("dumps/app.sql", dump)),
                Map.of("dumps/app.sql", dump));
        vault.serve(snapshot);

        Restore.Outcome outcome = restore(log("pre", ""), log("post", ""))
                .run(new RestoreArguments(snapshot.id(), false));

        assertThat(outcome).isInstanceOf(Restore.Outcome.NothingToRestore.class);
        assertThat(outbox.depth()).as("nothing replaced, so no pre-restore snapshot").isZero();
        assertThat(hookLog).doesNotExist();
        Path saved = dir.resolve("data/restore/saved/" + snapshot.id() + "/dumps/app.sql");
        assertThat(saved).hasContent("INSERT INTO t VALUES (1);");
        assertThat(Files.getPosixFilePermissions(saved)).isEqualTo(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(printed()).contains("  saved     dumps/app.sql -> saved to " + saved
                + " (command entries are not restored automatically)");
    }

    private void assertRefusedAndUntouched(SnapshotFixtures.Fixture snapshot, String reason)
            throws Exception {
        String dbBefore = Sha256.of(database);
        Restore restore = restore(log("pre", ""), log("post", ""));

        assertThatThrownBy(() -> restore.run(new RestoreArguments(snapshot.id(), false)))
                .isInstanceOfSatisfying(RestoreException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                .hasMessage(reason);

        assertThat(Sha256.of(database)).isEqualTo(dbBefore);
        assertThat(appConf).hasContent("listen=127.0.0.1:8443");
        assertThat(outbox.depth()).isZero();
        assertThat(hookLog).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    private SnapshotFixtures.Fixture snapshotNowThenChangeEverything() throws Exception {
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.capture(dir.resolve("snapshot"),
                SnapshotFixtures.APPLIANCE, sources);
        changeEverything();
        return snapshot;
    }

    private void changeEverything() throws Exception {
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "changed-after");
        }
        Files.writeString(appConf, "listen=127.0.0.1:8443\n");
        Files.writeString(hostKey, "HOST-KEY-2\n");
    }

    /** A hook that logs "name snapshot result" and then runs {@code script}. */
    private Hook log(String name, String script) {
        return new Hook(name + "-hook", List.of("sh", "-c",
                "echo \"" + name + " $CONFIGVAULT_SNAPSHOT_ID ${CONFIGVAULT_RESTORE_RESULT:--}\""
                        + " >> '" + hookLog + "'; " + script), Duration.ofSeconds(20));
    }

    private Restore restore(Hook pre, Hook post) throws Exception {
        CaptureProperties capture = new CaptureProperties(SnapshotFixtures.APPLIANCE, "lab",
                "UTC", dir.resolve("data").toString(), maxSnapshotBytes);
        List<SnapshotSource> staged = sources.stream().map(spec -> spec.kind()
                == SourceKind.SQLITE ? (SnapshotSource) new SqliteSource(spec)
                : new FileSource(spec)).toList();
        workspace = RestoreWorkspace.open(dir.resolve("data"));
        SnapshotPipeline pipeline = new SnapshotPipeline(capture, staged,
                (bundle, sealed) -> Files.copy(bundle, sealed), outbox, new AgentStatus(clock),
                clock, workspace.staging());
        VaultClient client = new VaultClient(vault.uri(), CannedVault.TOKEN,
                dir.resolve("token"), Duration.ofSeconds(10));
        return new Restore(client, SnapshotFixtures.APPLIANCE, sources, pipeline,
                pre, post, workspace,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Hidden temporary or previous files beside the configuration. */
    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Stream.concat(Files.list(appliance),
                Files.exists(otherDir) ? Files.list(otherDir) : Stream.empty())) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Map<String, byte[]> contents(Path bundle) throws Exception {
        Map<String, byte[]> contents = new HashMap<>();
        try (InputStream in = Files.newInputStream(bundle)) {
            BundleReader.read(in, BundleLimits.DEFAULT,
                    (entry, content) -> contents.put(entry.name(), content.readAllBytes()));
        }
        return contents;
    }

    private static Manifest manifest(Path bundle) throws Exception {
        try (InputStream in = Files.newInputStream(bundle)) {
            return BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        }
    }
}
