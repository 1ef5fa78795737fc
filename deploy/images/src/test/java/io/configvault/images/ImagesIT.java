package io.configvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two container images, as built by {@code -Ppackaging}: what their configs promise (user,
 * entrypoint, environment, volumes, ports, labels, every layer present), and that they run
 * without Docker (ChrootContainer: read-only root, user 65532): Java 25 inside, the vault
 * against a real Kafka broker and S3 server answering {@code /health} UP, the agent refusing to
 * start without its configuration file and answering {@code /health} with one.
 */
class ImagesIT {

    private static final Path ROOT = Path.of(System.getProperty("configvault.root", "../.."));
    private static final String VERSION = System.getProperty("configvault.version");
    private static final Path WORK = ROOT.resolve("deploy/images/target/images-it");

    private static ImageTarball vault;
    private static ImageTarball agent;
    private static Path vaultRoot;
    private static Path agentRoot;
    private static LocalStack stack;
    private static final List<Process> STARTED = new ArrayList<>();

    @BeforeAll
    static void unpackImagesAndStartStack() throws IOException {
        assertThat(Shell.check(List.of("id", "-u"), 10).strip())
                .as("ImagesIT runs images as a container engine does: it needs root")
                .isEqualTo("0");
        Shell.check(List.of("rm", "-rf", WORK.toString()), 60);
        vault = ImageTarball.open(ROOT.resolve("vault-service/target/jib-image.tar"),
                WORK.resolve("vault-image"));
        agent = ImageTarball.open(ROOT.resolve("capture-service/target/jib-image.tar"),
                WORK.resolve("agent-image"));
        vaultRoot = vault.unpack(WORK.resolve("vault-rootfs"));
        agentRoot = agent.unpack(WORK.resolve("agent-rootfs"));
        System.out.printf("Image sizes: vault %d MiB, agent %d MiB (tarball, layers gzipped)%n",
                vault.sizeBytes() >> 20, agent.sizeBytes() >> 20);
        stack = LocalStack.start(WORK.resolve("stack"));
        stack.kafka().createTopics(1, "configvault.snapshots", "configvault.quarantine",
                "configvault.commands");
        stack.s3().createBucket("configvault");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process process : STARTED) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void vaultImageConfigIsTheContainerContract() throws IOException {
        assertContract(vault, vaultRoot, "configvault/vault", "io.configvault.vault.Application",
                "/var/lib/configvault", "vault.yml", "8080/tcp");
    }

    @Test
    void agentImageConfigIsTheContainerContract() throws IOException {
        assertContract(agent, agentRoot, "configvault/agent",
                "io.configvault.capture.Application", "/var/lib/configvault-agent", "agent.yml",
                "8081/tcp");
        assertThat(agent.runConfig().get("Env").toString()).contains("MICRONAUT_SERVER_PORT=8081");
    }

    @Test
    void bundledJavaIs25AndRunsOnTheReadOnlyRootAsTheServiceUser() throws IOException {
        for (Path rootfs : List.of(vaultRoot, agentRoot)) {
            ImageTarball image = rootfs.equals(vaultRoot) ? vault : agent;
            Shell.Result version = new ChrootContainer(rootfs, image.runConfig())
                    .run(List.of("/opt/configvault/java/bin/java", "-XshowSettings:properties",
                            "-version"));
            assertThat(version.exitCode()).as(version.output()).isZero();
            assertThat(version.output()).contains("java.specification.version = 25")
                    .contains("user.name = configvault")
                    .contains("java.home = /opt/configvault/java");
        }
    }

    @Test
    void vaultImageAnswersHealthAgainstRealKafkaAndS3() throws IOException {
        ServiceFiles files = new ServiceFiles(WORK.resolve("vault-etc"));
        String passphrase = "image-test-passphrase";
        files.secret("passphrase", passphrase);
        files.keyPair("ingest", passphrase);
        files.keyPair("storage", passphrase);
        files.config("escrow.public.asc", ServiceFiles.publicKey("escrow"));
        files.secret("aws-credentials", "[default]\naws_access_key_id = " + stack.s3().accessKey()
                + "\naws_secret_access_key = " + stack.s3().secretKey() + "\n");
        int port = FreePorts.pick();
        files.config("vault.yml", ServiceConfigs.vault(port, stack.kafka().bootstrapServers(),
                stack.s3().endpoint().toString()));
        Path state = ServiceFiles.stateVolume(WORK.resolve("vault-state"));
        Process process = new ChrootContainer(vaultRoot, vault.runConfig())
                .bind(files.etc(), "/etc/configvault", true)
                .bind(state, "/var/lib/configvault", false)
                .env("AWS_SHARED_CREDENTIALS_FILE", "/etc/configvault/secrets/aws-credentials")
                .start(WORK.resolve("vault.log"));
        STARTED.add(process);

        ServiceHttp.awaitHealthUp(process, port, WORK.resolve("vault.log"));
        assertThat(state.resolve("catalog.db")).as("the catalog is in the state volume").exists();
        assertThat(state.resolve("admin-token")).exists();
    }

    @Test
    void agentImageWithoutItsConfigurationFileFailsClearly() throws IOException {
        Path state = ServiceFiles.stateVolume(WORK.resolve("agent-state-empty"));
        Path log = WORK.resolve("agent-unconfigured.log");
        Process process = new ChrootContainer(agentRoot, agent.runConfig())
                .bind(Files.createDirectories(WORK.resolve("agent-etc-empty")), "/etc/configvault",
                        true)
                .bind(state, "/var/lib/configvault-agent", false)
                .env("MICRONAUT_SERVER_PORT", String.valueOf(FreePorts.pick()))
                .start(log);
        STARTED.add(process);
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log))
                .contains("Failed to read configuration file: /etc/configvault/agent.yml");
    }

    @Test
    void agentImageAnswersHealthWithItsConfiguration() throws IOException {
        ServiceFiles files = new ServiceFiles(WORK.resolve("agent-etc"));
        files.config("ingest.public.asc", ServiceFiles.publicKey("vault-ingest"));
        files.config("agent.yml", ServiceConfigs.agent(stack.kafka().bootstrapServers()));
        Path state = ServiceFiles.stateVolume(WORK.resolve("agent-state"));
        int port = FreePorts.pick();
        Process process = new ChrootContainer(agentRoot, agent.runConfig())
                .bind(files.etc(), "/etc/configvault", true)
                .bind(state, "/var/lib/configvault-agent", false)
                .env("MICRONAUT_SERVER_PORT", String.valueOf(port))
                .start(WORK.resolve("agent.log"));
        STARTED.add(process);

        ServiceHttp.awaitHealthUp(process, port, WORK.resolve("agent.log"));
        assertThat(state.resolve("keys/appliance.secret.asc"))
                .as("the agent generated its key in its state volume").exists();
    }

    private static void assertContract(ImageTarball image, Path rootfs, String name,
                                       String mainClass, String stateDir, String configFile,
                                       String port) throws IOException {
        assertThat(image.repoTags()).containsExactly(name + ":" + VERSION);
        JsonNode config = image.runConfig();
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint).startsWith("/opt/configvault/java/bin/java")
                .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=/tmp")
                .endsWith(mainClass);
        assertThat(config.get("Env").toString())
                .contains("MICRONAUT_CONFIG_FILES=/etc/configvault/" + configFile);
        assertThat(config.get("Volumes").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder(stateDir, "/tmp");
        assertThat(config.get("ExposedPorts").has(port)).isTrue();
        assertThat(config.get("WorkingDir").asText()).isEqualTo(stateDir);
        assertThat(config.get("Labels").get("org.opencontainers.image.version").asText())
                .isEqualTo(VERSION);
        assertThat(image.layers()).hasSize(image.diffIdCount()).allMatch(Files::isRegularFile);
        assertThat(Files.readString(rootfs.resolve("etc/passwd")))
                .contains("configvault:x:65532:65532:");
        Path state = rootfs.resolve(stateDir.substring(1));
        assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(65532);
        assertThat(Files.getAttribute(state, "unix:mode")).isEqualTo(040700);
        // Compose binds each secret file into it: the service user must reach them, no other.
        Path secrets = rootfs.resolve("etc/configvault/secrets");
        assertThat(Files.getAttribute(secrets, "unix:uid")).isEqualTo(0);
        assertThat(Files.getAttribute(secrets, "unix:gid")).isEqualTo(65532);
        assertThat(Files.getAttribute(secrets, "unix:mode")).isEqualTo(040750);
        assertThat(rootfs.resolve("opt/configvault/native/libsqlitejdbc.so")).isRegularFile();
    }
}
