package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.ApplianceFixtures;
import io.configvault.capture.testing.LiveDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as the quickstart launches it: {@code java -cp target/classes:<runtime classpath>
 * io.configvault.capture.Application}, configured by an external YAML file or {@code -D}
 * properties.
 */
class ApplicationLaunchIT {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void startsFromAnExternalYamlFileAndAnswersTheStatusProbe() throws Exception {
        Path database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("a", "b");
        }
        Map<String, Object> settings = AgentConfig.of("nas-17", dir, database, "127.0.0.1:9",
                "launch-it");
        int port = freePort();
        Path yaml = Files.writeString(dir.resolve("capture.yml"), """
                micronaut:
                  server:
                    port: %d
                capture:
                  appliance-id: nas-17
                  data-dir: %s
                  sources:
                    - name: config.db
                      kind: sqlite
                      path: %s
                  keys:
                    signing-key-file: %s
                    passphrase-file: %s
                    ingest-public-key-file: %s
                  kafka:
                    bootstrap-servers: 127.0.0.1:9
                """.formatted(port, settings.get("capture.data-dir"), database,
                settings.get("capture.keys.signing-key-file"),
                settings.get("capture.keys.passphrase-file"),
                settings.get("capture.keys.ingest-public-key-file")));

        Process agent = launch(List.of("-Dmicronaut.config.files=" + yaml));
        try {
            AgentApi api = new AgentApi(URI.create("http://127.0.0.1:" + port).toURL());
            await().atMost(Duration.ofSeconds(30)).ignoreException(ConnectException.class)
                    .untilAsserted(() -> {
                assertThat(agent.isAlive()).as("agent is running").isTrue();
                AgentApi.Response status = api.get("/api/v1/status");
                assertThat(status.status()).isEqualTo(200);
                assertThat(status.body().get("applianceId").asText()).isEqualTo("nas-17");
                assertThat(status.body().get("outboxDepth").asInt()).isZero();
            });
        } finally {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aConfigurationErrorExitsWithOneClearLine() throws Exception {
        Process agent = launch(List.of("-Dcapture.data-dir=" + dir.resolve("data"),
                "-Dcapture.machine-id-file=" + dir.resolve("no-machine-id")));

        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dir.resolve("agent.out"));
        assertThat(agent.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("Cannot start capture: the appliance id is not set and"
                + " cannot be derived from the machine id file " + dir.resolve("no-machine-id")
                + ": it does not exist (capture.appliance-id)");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void runsAShippedProfileWithItsSwitchSetFromTheEnvironment() throws Exception {
        Path root = ApplianceFixtures.truenas(dir.resolve("root"));
        Path profile = Files.writeString(dir.resolve("truenas.yml"),
                ApplianceFixtures.profile("truenas.yml", root));
        Map<String, Object> settings = AgentConfig.of("nas-17", dir, root.resolve("unused.db"),
                "127.0.0.1:9", "launch-it");
        int port = freePort();
        Path yaml = Files.writeString(dir.resolve("capture.yml"), """
                micronaut:
                  server:
                    port: %d
                capture:
                  appliance-id: nas-17
                  data-dir: %s
                  keys:
                    signing-key-file: %s
                    passphrase-file: %s
                    ingest-public-key-file: %s
                  kafka:
                    bootstrap-servers: 127.0.0.1:9
                """.formatted(port, settings.get("capture.data-dir"),
                settings.get("capture.keys.signing-key-file"),
                settings.get("capture.keys.passphrase-file"),
                settings.get("capture.keys.ingest-public-key-file")));

        // As docs/capture-service.md tells operators: the profile, then the agent's own file.
        Process agent = launch(List.of("-Dmicronaut.config.files=" + profile + "," + yaml),
                Map.of("CAPTURE_PROFILE_INCLUDE_SECRET_SEED", "true"));
        try {
            AgentApi api = new AgentApi(URI.create("http://127.0.0.1:" + port).toURL());
            await().atMost(Duration.ofSeconds(30)).ignoreException(ConnectException.class)
                    .untilAsserted(() -> {
                assertThat(agent.isAlive()).as("agent is running").isTrue();
                assertThat(api.get("/api/v1/status").status()).isEqualTo(200);
            });
            assertThat(api.post("/api/v1/snapshots", null).status()).isEqualTo(202);
            AgentApi.Response status = api.get("/api/v1/status");
            assertThat(status.body().get("restorable").asBoolean()).isTrue();
            assertThat(status.body().get("notRestorableReason").isNull()).isTrue();
            assertThat(status.body().get("outboxDepth").asInt()).isEqualTo(1);
        } finally {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process launch(List<String> properties) throws IOException {
        return launch(properties, Map.of());
    }

    private Process launch(List<String> properties, Map<String, String> environment)
            throws IOException {
        String classpath = Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(Path.of("target", "runtime.classpath")).strip();
        List<String> command = new ArrayList<>(List.of(JAVA.toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        command.addAll(properties);
        command.addAll(List.of("-cp", classpath, "io.configvault.capture.Application"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.out").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CAPTURE_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
