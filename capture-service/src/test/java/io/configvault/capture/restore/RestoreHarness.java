package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
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

/**
 * The appliance, canned vault and restore wiring shared by the restore tests: a SQLite
 * database, an app config and a host key in two directories, the real capture pipeline with
 * an in-memory outbox, hooks that log to a file. Close it after each test.
 */
final class RestoreHarness implements AutoCloseable {

    final Path dir;

    final MutableClock clock = MutableClock.atEpochSecond(1_750_000_000);
    CannedVault vault;
    Path appliance;
    Path otherDir;
    Path database;
    Path appConf;
    Path hostKey;
    List<SourceSpec> sources;
    InMemoryOutbox outbox;
    Path hookLog;
    RestoreWorkspace workspace;
    long maxSnapshotBytes = 1 << 30;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    RestoreHarness(Path dir) throws Exception {
        this.dir = dir;
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

    @Override
    public void close() {
        vault.close();
        if (workspace != null) {
            workspace.close();
        }
    }

    void assertRefusedAndUntouched(SnapshotFixtures.Fixture snapshot, String reason)
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

    SnapshotFixtures.Fixture snapshotNowThenChangeEverything() throws Exception {
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.capture(dir.resolve("snapshot"),
                SnapshotFixtures.APPLIANCE, sources);
        changeEverything();
        return snapshot;
    }

    void changeEverything() throws Exception {
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "changed-after");
        }
        Files.writeString(appConf, "listen=127.0.0.1:8443\n");
        Files.writeString(hostKey, "HOST-KEY-2\n");
    }

    /** A hook that logs "name snapshot result" and then runs {@code script}. */
    Hook log(String name, String script) {
        return new Hook(name + "-hook", List.of("sh", "-c",
                "echo \"" + name + " $CONFIGVAULT_SNAPSHOT_ID ${CONFIGVAULT_RESTORE_RESULT:--}\""
                        + " >> '" + hookLog + "'; " + script), Duration.ofSeconds(20));
    }

    Restore restore(Hook pre, Hook post) throws Exception {
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

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Hidden temporary or previous files beside the configuration. */
    List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Stream.concat(Files.list(appliance),
                Files.exists(otherDir) ? Files.list(otherDir) : Stream.empty())) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }

    static Map<String, byte[]> contents(Path bundle) throws Exception {
        Map<String, byte[]> contents = new HashMap<>();
        try (InputStream in = Files.newInputStream(bundle)) {
            BundleReader.read(in, BundleLimits.DEFAULT,
                    (entry, content) -> contents.put(entry.name(), content.readAllBytes()));
        }
        return contents;
    }

    static Manifest manifest(Path bundle) throws Exception {
        try (InputStream in = Files.newInputStream(bundle)) {
            return BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        }
    }
}
