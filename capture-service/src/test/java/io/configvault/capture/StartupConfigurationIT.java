package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.ChangeProperties;
import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.KafkaProperties;
import io.configvault.capture.config.MachineIds;
import io.configvault.capture.seal.SealingKeys;
import io.configvault.capture.source.CommandSource;
import io.configvault.capture.source.ConfiguredSources;
import io.configvault.capture.source.DisabledSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.SourceKind;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application context with real configuration binding: defaults, the source list in both
 * spellings, and the one-line errors a bad setting gives at startup. No broker is needed: the
 * producer connects on the first publish.
 */
class StartupConfigurationIT {

    @TempDir
    Path dir;

    private Map<String, Object> properties;

    @BeforeEach
    void validConfiguration() throws Exception {
        Path database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("a", "b");
        }
        properties = new HashMap<>(AgentConfig.of("nas-17", dir, database, "127.0.0.1:9",
                "startup-it"));
        properties.remove("capture.change.poll-interval");
        properties.remove("capture.change.quiet-period");
        properties.remove("capture.change.max-delay");
        properties.remove("capture.kafka.topic");
    }

    @Test
    void startsWithTheDocumentedDefaults() {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            ChangeProperties change = context.getBean(ChangeProperties.class);
            assertThat(change).isEqualTo(new ChangeProperties(Duration.ofMillis(250),
                    Duration.ofSeconds(2), Duration.ofSeconds(30)));
            KafkaProperties kafka = context.getBean(KafkaProperties.class);
            assertThat(kafka.topic()).isEqualTo("configvault.snapshots");
            assertThat(kafka.segmentBytes()).isEqualTo(524288);
            assertThat(context.getBean(CaptureProperties.class)
                    .maxSnapshotBytes()).isEqualTo(1L << 30);
            assertThat(context.getProperty("micronaut.server.host", String.class))
                    .contains("127.0.0.1");
            EnrolmentProperties enrolment = context.getBean(EnrolmentProperties.class);
            assertThat(enrolment.vaultUri()).isEmpty();
            assertThat(enrolment.timeout()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void readsTheSourceListAsAYamlFileWouldGiveIt() throws Exception {
        Path conf = Files.writeString(dir.resolve("app.conf"), "x=1");
        properties.keySet().removeIf(key -> key.startsWith("capture.sources"));
        properties.put("capture.sources", List.of(
                Map.of("name", "config.db", "kind", "sqlite", "path", dir.resolve("config.db")
                        .toString(), "sensitive", true),
                Map.of("name", "etc/app.conf", "kind", "file", "path", conf.toString())));

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(ConfiguredSources.class).specs()).containsExactly(
                    new SourceSpec("config.db", SourceKind.SQLITE, dir.resolve("config.db"), true),
                    new SourceSpec("etc/app.conf", SourceKind.FILE, conf, false));
        }
    }

    @Test
    void readsDirectoryAndCommandSourcesAsAYamlFileWouldGiveThem() throws Exception {
        Path avatars = Files.createDirectories(dir.resolve("avatars"));
        properties.keySet().removeIf(key -> key.startsWith("capture.sources"));
        properties.put("capture.sources", List.of(
                Map.of("name", "config.db", "kind", "sqlite", "path", dir.resolve("config.db")
                        .toString(), "required", true),
                Map.of("name", "avatars", "kind", "directory", "path", avatars.toString(),
                        "include", List.of("**.png", "**.jpg"), "exclude", List.of("tmp")),
                Map.of("name", "passbolt.sql", "kind", "command",
                        "command", List.of("/usr/bin/mysqldump", "--single-transaction", "a,b"),
                        "timeout", "90s", "environment", List.of("MYSQL_HOME=/etc/mysql"),
                        "working-directory", "/var/tmp", "sensitive", true),
                Map.of("name", "pwenc_secret", "kind", "file", "path", "/data/pwenc_secret",
                        "required", true, "enabled", false, "description", "the seed")));

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            ConfiguredSources sources = context.getBean(ConfiguredSources.class);
            assertThat(sources.specs()).containsExactly(
                    new SourceSpec("config.db", SourceKind.SQLITE, dir.resolve("config.db"),
                            false, true, null),
                    new SourceSpec("avatars", SourceKind.DIRECTORY, avatars, false),
                    new SourceSpec("passbolt.sql", SourceKind.COMMAND, null, true),
                    new SourceSpec("pwenc_secret", SourceKind.FILE, Path.of("/data/pwenc_secret"),
                            false, true, "the seed"));
            assertThat(((CommandSource) sources.all().get(2)).command()).isEqualTo(
                    new CommandSource.Command(List.of("/usr/bin/mysqldump",
                            "--single-transaction", "a,b"), Duration.ofSeconds(90),
                            Map.of("MYSQL_HOME", "/etc/mysql"), Path.of("/var/tmp")));
            assertThat(sources.all().get(3)).isInstanceOf(DisabledSource.class);
        }
    }

    @Test
    void takesListsOfASourceAsCommaSeparatedFlatProperties() throws Exception {
        properties.put("capture.sources[1].name", "dump.sql");
        properties.put("capture.sources[1].kind", "command");
        properties.put("capture.sources[1].command", "/usr/bin/pg_dump,--format=plain,app");
        properties.put("capture.sources[1].environment", "PGPASSFILE=/etc/configvault/pgpass");

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            CommandSource dump = (CommandSource) context.getBean(ConfiguredSources.class).all()
                    .get(1);
            assertThat(dump.command()).isEqualTo(new CommandSource.Command(List.of(
                    "/usr/bin/pg_dump", "--format=plain", "app"), Duration.ofMinutes(5),
                    Map.of("PGPASSFILE", "/etc/configvault/pgpass"), null));
        }
    }

    @Test
    void aGlobThatLeavesTheDirectoryStopsStartup() {
        properties.put("capture.sources[1].name", "avatars");
        properties.put("capture.sources[1].kind", "directory");
        properties.put("capture.sources[1].path", dir.toString());
        properties.put("capture.sources[1].include", "**.png,../**.png");

        assertStartupFails("Cannot start capture: source 'avatars': the pattern ../**.png has a"
                + " '.' or '..' segment (capture.sources[1].include[1])");
    }

    @Test
    void anEntryNameWithDotDotStopsStartup() {
        properties.put("capture.sources[0].name", "../../etc/shadow");

        assertStartupFails("Cannot start capture: invalid entry name '../../etc/shadow': empty,"
                + " '.' or '..' path segment (capture.sources[0].name)");
    }

    @Test
    void withoutAnApplianceIdTheMachineIdGivesOne() throws Exception {
        properties.remove("capture.appliance-id");
        Path machineId = Files.writeString(dir.resolve("machine-id"),
                "4b1c6d2e8f0a4c3b9d7e6f5a4b3c2d1e\n");
        properties.put("capture.machine-id-file", machineId.toString());

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(CaptureProperties.class).applianceId())
                    .isEqualTo(MachineIds.applianceId(machineId)).matches("m-[0-9a-f]{16}");
        }
    }

    @Test
    void withoutAnApplianceIdOrAMachineIdStartupStopsWithTheSettingName() {
        properties.remove("capture.appliance-id");
        properties.put("capture.machine-id-file", dir.resolve("no-machine-id").toString());

        assertStartupFails("Cannot start capture: the appliance id is not set and cannot be"
                + " derived from the machine id file " + dir.resolve("no-machine-id")
                + ": it does not exist (capture.appliance-id)");
    }

    @Test
    void anInvalidApplianceIdStopsStartup() {
        properties.put("capture.appliance-id", "NAS 17");

        assertStartupFails("Cannot start capture: the appliance id 'NAS 17' is invalid: use 1-63"
                + " lower-case letters, digits, '.', '_' or '-' (capture.appliance-id)");
    }

    @Test
    void aMissingSigningKeyIsGeneratedOnFirstStartAndKeptForTheNext() throws Exception {
        Path keyFile = dir.resolve("fresh/appliance.key.asc");
        properties.put("capture.keys.signing-key-file", keyFile.toString());
        properties.remove("capture.keys.passphrase-file");

        String fingerprint;
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            fingerprint = context.getBean(SealingKeys.class).appliance().fingerprint();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(dir.resolve("fresh/appliance.key.asc.passphrase")).exists();
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(SealingKeys.class).appliance().fingerprint())
                    .isEqualTo(fingerprint);
        }
    }

    @Test
    void withoutAnIngestKeyOrEnrolmentStartupStopsWithTheSettingName() {
        Path missing = dir.resolve("no-ingest.asc");
        properties.put("capture.keys.ingest-public-key-file", missing.toString());

        assertStartupFails("Cannot start capture: the vault ingest public key file " + missing
                + " does not exist; provide it, or set capture.enrolment.vault-url to enrol with"
                + " the vault (capture.keys.ingest-public-key-file)");
    }

    @Test
    void producerSettingsThatDisableIdempotenceStopStartup() {
        properties.put("capture.kafka.producer.enable.idempotence", "false");

        assertStartupFails("Cannot start capture: the Kafka producer setting is unsafe:"
                + " idempotence is off; a retried send could then write a segment twice or out"
                + " of order (capture.kafka.producer.enable.idempotence)");
    }

    @Test
    void clientSettingsBindUnderTheirKafkaNames() {
        properties.put("capture.kafka.client.security.protocol", "SSL");
        properties.put("capture.kafka.client.ssl.truststore.location", "/etc/t.p12");

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(KafkaProperties.class).client())
                    .isEqualTo(Map.of("security.protocol", "SSL",
                            "ssl.truststore.location", "/etc/t.p12"));
        }
    }

    @Test
    void aConnectionSettingAmongTheProducerOnesStopsStartup() {
        properties.put("capture.kafka.producer.sasl.jaas.config", "secret-jaas-value");

        assertStartupFails("Cannot start capture: a connection setting belongs in"
                + " capture.kafka.client.sasl.jaas.config, which applies to the producer and the"
                + " command consumer alike (capture.kafka.producer.sasl.jaas.config)");
    }

    @Test
    void aSourceOfUnknownKindStopsStartup() {
        properties.put("capture.sources[0].kind", "tarball");

        assertStartupFails("Cannot start capture: source 'config.db' has kind 'tarball'; use"
                + " 'sqlite', 'file', 'directory' or 'command' (capture.sources[0].kind)");
    }

    @Test
    void aQuietPeriodLongerThanTheMaximumDelayStopsStartup() {
        properties.put("capture.change.quiet-period", "1m");

        assertStartupFails("Cannot start capture: the maximum delay must not be shorter than the"
                + " quiet period (capture.change.max-delay)");
    }

    private void assertStartupFails(String message) {
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .satisfies(failure -> assertThat(Application.configurationError(failure))
                        .isNotNull()
                        .hasMessage(message));
    }
}
