package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.outbox.BudgetedOutbox;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.outbox.SqliteOutbox;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.TestKeys;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore command with the agent's real configuration binding, real keys and the real
 * SQLite outbox, against a canned vault; run as it runs beside a live agent.
 */
class RestoreCommandIT {

    @TempDir
    Path dir;

    private CannedVault vault;
    private Map<String, Object> properties;
    private Path database;
    private Path appConf;
    private Path dataDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        vault = CannedVault.start();
        database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "nas-17");
        }
        appConf = Files.writeString(dir.resolve("app.conf"), "listen=0.0.0.0:443\n");
        properties = new HashMap<>(AgentConfig.of(SnapshotFixtures.APPLIANCE, dir, database,
                "127.0.0.1:9", "restore-it"));
        properties.put("capture.sources[1].name", "app.conf");
        properties.put("capture.sources[1].kind", "file");
        properties.put("capture.sources[1].path", appConf.toString());
        properties.put("capture.restore.vault-url", vault.uri() + "/");
        properties.put("capture.restore.token-file",
                Files.writeString(dir.resolve("vault.token"), CannedVault.TOKEN + "\n").toString());
        dataDir = dir.resolve("data");
    }

    @AfterEach
    void tearDown() {
        vault.close();
    }

    @Test
    void theRestoreEnvironmentStartsNoneOfTheAgentsBackgroundParts() {
        try (ApplicationContext agent = ApplicationContext.run(properties)) {
            assertThat(eagerBeansOfOurs(agent)).as("sanity: the agent's own eager beans")
                    .contains("io.configvault.capture.publish.PublisherLoop",
                            "io.configvault.capture.trigger.ChangeTrigger");
        }
        try (ApplicationContext restore = ApplicationContext.builder()
                .environments(RestoreProperties.ENVIRONMENT).properties(properties).start()) {
            assertThat(eagerBeansOfOurs(restore)).as("a @Context bean of the agent (a trigger,"
                    + " the publisher) must be @Requires(notEnv = RestoreProperties.ENVIRONMENT)")
                    .isEmpty();
            assertThat(restore.findBean(BudgetedOutbox.class)).as("the agent's outbox").isEmpty();
        }
    }

    @Test
    void restoresBesideARunningAgentAndLeavesItsOutboxAndStagingAlone() throws Exception {
        SnapshotFixtures.Fixture snapshot = SnapshotFixtures.capture(dir.resolve("snapshot"),
                SnapshotFixtures.APPLIANCE, List.of(
                        new SourceSpec("config.db", SourceKind.SQLITE, database, true),
                        new SourceSpec("app.conf", SourceKind.FILE, appConf, false)));
        vault.serve(snapshot);
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "changed");
        }
        Files.writeString(appConf, "listen=127.0.0.1:8443\n");
        // What a running agent may have in flight: a spool file whose row is not committed yet
        // and the staging directory of a capture in progress.
        try (SqliteOutbox agentOutbox = SqliteOutbox.open(dataDir, Clock.systemUTC())) {
            assertThat(agentOutbox.depth()).isZero();
        }
        Path inFlight = Files.writeString(dataDir.resolve("spool/in-flight.pgp"), "sealed");
        Path agentStaging = Files.createDirectories(dataDir.resolve("staging/4f0c"));

        int exit = run("--snapshot", "latest");

        assertThat(exit).as(stderr()).isZero();
        assertThat(LiveDatabase.rowsOf(database)).containsEntry("hostname", "nas-17");
        assertThat(appConf).hasContent("listen=0.0.0.0:443");
        assertThat(inFlight).exists();
        assertThat(agentStaging).exists();
        try (SqliteOutbox outbox = SqliteOutbox.attach(dataDir, Clock.systemUTC())) {
            OutboxEntry entry = outbox.oldest().orElseThrow();
            assertThat(entry.trigger().name()).isEqualTo("PRE_RESTORE");
            assertThat(stdout()).contains("Pre-restore snapshot " + entry.snapshotId());
            assertThat(decrypt(entry.spoolFile())).as("sealed to the ingest key like any"
                    + " snapshot").contains("listen=127.0.0.1:8443");
        }
        assertThat(stdout()).contains("  changed   config.db -> " + database
                + " (tables changed: settings)").contains("Restored snapshot " + snapshot.id());
        assertThat(stdout() + stderr()).doesNotContain(CannedVault.TOKEN);
        assertThat(dataDir.resolve("restore/work")).isEmptyDirectory();
    }

    @Test
    void aFailureIsOneLineWithTheExitCodeOfItsKind() throws Exception {
        SnapshotFixtures.Fixture foreign = SnapshotFixtures.capture(dir.resolve("foreign"),
                "nas-99", List.of(new SourceSpec("app.conf", SourceKind.FILE, appConf, false)));
        vault.serve(foreign.listedAs(SnapshotFixtures.APPLIANCE));

        int exit = run("--snapshot", foreign.id().toString(), "--dry-run");

        assertThat(exit).isEqualTo(4);
        assertThat(stderr()).isEqualTo("Cannot restore snapshot " + foreign.id() + ": it belongs"
                + " to appliance nas-99, not to this appliance (nas-17)\n");
    }

    @Test
    void aMissingSettingIsAConfigurationErrorNamingIt() {
        properties.remove("capture.restore.vault-url");

        assertThat(run("--snapshot", "latest")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("Cannot restore snapshot latest: the vault URL is not set"
                + " (capture.restore.vault-url)\n");
    }

    @Test
    void badArgumentsPrintTheUsage() {
        assertThat(run("--snapshot", "../etc")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("Cannot restore: --snapshot takes a snapshot id"
                + " (lower-case UUIDv7) or 'latest', not '../etc'\n" + RestoreArguments.USAGE
                + "\n");
    }

    @Test
    void oneRestoreAtATime() throws Exception {
        try (RestoreWorkspace running = RestoreWorkspace.open(dataDir)) {
            assertThat(run("--snapshot", "latest", "--dry-run")).isEqualTo(2);
            assertThat(stderr()).isEqualTo("Cannot restore snapshot latest: another restore is"
                    + " running (it holds " + dataDir.resolve("restore/lock") + ")\n");
        }
    }

    private int run(String... args) {
        return RestoreCommand.run(List.of(args), properties,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> eagerBeansOfOurs(ApplicationContext context) {
        return context.getBeanDefinitions(Qualifiers.byStereotype(Context.class)).stream()
                .map(BeanDefinition::getBeanType).map(Class::getName)
                .filter(name -> name.startsWith("io.configvault.")).sorted().toList();
    }

    private static String decrypt(Path sealed) throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(sealed); OutputStream sink = plain) {
            OpenPgpDecryptor.decrypt(in, sink, List.of(TestKeys.get().ingestSecret()),
                    TestKeys.get().appliancePublic(), OpenPgpDecryptor.Limits.DEFAULT);
        }
        return plain.toString(StandardCharsets.ISO_8859_1);
    }
}
