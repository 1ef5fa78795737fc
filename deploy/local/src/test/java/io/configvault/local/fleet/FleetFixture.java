package io.configvault.local.fleet;

import static org.awaitility.Awaitility.await;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackRoot;
import io.configvault.stack.VaultYaml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole deployment for fault tests, each part under the test's control: a real broker and S3
 * server ({@link LocalStack}), the vault and any number of agents as child JVMs launched from
 * their build output exactly as the quickstart launches them. Appliances are enrolled by the
 * vault's configuration, so each test can add its own.
 */
final class FleetFixture implements AutoCloseable {

    static final String TOPIC = "configvault.snapshots";
    static final String QUARANTINE = "configvault.quarantine";
    /** The vault's default {@code vault.kafka.command-topic}. */
    static final String COMMANDS = "configvault.commands";
    static final String BUCKET = "configvault";
    private static final String PASSPHRASE = "fleet-fixture-passphrase";

    private final Path dir;
    private final Path root = StackRoot.locate().dir();
    private final LocalStack stack;
    private final List<String> appliances;
    private final HttpClient http = HttpClient.newHttpClient();
    private ChildJvm vault;
    private int vaultPort;
    private String token;

    /** Starts the stack and a vault that has {@code appliances} enrolled. */
    FleetFixture(Path dir, List<String> appliances) throws Exception {
        this(dir, appliances, 1);
    }

    /**
     * Starts the stack, with {@code partitions} partitions on the snapshot and quarantine topics
     * (more than one lets a second vault instance take a share), and a vault that has
     * {@code appliances} enrolled.
     */
    FleetFixture(Path dir, List<String> appliances, int partitions) throws Exception {
        this.dir = dir;
        this.appliances = List.copyOf(appliances);
        this.stack = LocalStack.start(dir.resolve("infra"));
        stack.kafka().createTopics(partitions, TOPIC, QUARANTINE, COMMANDS);
        stack.s3().createBucket(BUCKET);
        key("vault-ingest");
        key("vault-storage");
        for (String appliance : appliances) {
            key(appliance);
        }
        startVault();
    }

    LocalStack stack() {
        return stack;
    }

    private void key(String name) throws IOException {
        var key = OpenPgpKeys.generate(name, PASSPHRASE.toCharArray());
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/" + name + ".secret.asc"), key.armoredSecretKey());
        Files.writeString(dir.resolve("keys/" + name + ".public.asc"), key.armoredPublicKey());
        Files.writeString(dir.resolve("keys/passphrase"), PASSPHRASE);
    }

    private void startVault() throws IOException {
        startVault(List.of());
    }

    /**
     * Stops the vault (SIGTERM, if it still runs) and starts it again on the same catalog, spool
     * and bucket with {@code jvmArgs} added, e.g. the system properties of a fault point.
     */
    void restartVault(List<String> jvmArgs) throws IOException {
        vault.stop(Duration.ofSeconds(20));
        startVault(jvmArgs);
    }

    /** SIGKILL: the vault stops wherever it is. */
    void killVault() {
        vault.kill();
    }

    private void startVault(List<String> jvmArgs) throws IOException {
        vaultPort = FreePorts.pick();
        VaultYaml yaml = VaultYaml.in(dir).port(vaultPort)
                .kafka(stack.kafka().bootstrapServers()).s3(stack.s3(), BUCKET)
                .keys(dir.resolve("keys/vault-ingest.secret.asc"),
                        dir.resolve("keys/vault-storage.secret.asc"),
                        dir.resolve("keys/passphrase"))
                // The invariant check downloads every stored snapshot with one token: an
                // operator's audit, far beyond a person's allowance.
                .api("download-burst", 100000);
        for (String appliance : appliances) {
            yaml.appliance(appliance, "lab", dir.resolve("keys/" + appliance + ".public.asc"));
        }
        Path config = yaml.write();
        vault = launch("vault-service", "io.configvault.vault.Application", config,
                vaultLog(), jvmArgs);
        await().atMost(Duration.ofSeconds(60)).until(() -> answers(vaultUrl() + "/api/v1/x", 401));
        token = Files.readString(yaml.adminTokenFile()).strip();
    }

    /** Starts the agent of {@code appliance} (again, on the same data, after a kill). */
    Agent startAgent(String appliance, Path database, List<String> extraSettings)
            throws IOException {
        int port = FreePorts.pick();
        Path agentDir = dir.resolve("agents/" + appliance);
        Files.createDirectories(agentDir);
        List<String> settings = new ArrayList<>(List.of(
                "micronaut.server.port=" + port,
                "capture.appliance-id=" + appliance,
                "capture.fleet=lab",
                "capture.data-dir=" + agentDir.resolve("data"),
                "capture.sources[0].name=config.db",
                "capture.sources[0].kind=sqlite",
                "capture.sources[0].path=" + database,
                "capture.keys.signing-key-file=" + dir.resolve("keys/" + appliance + ".secret.asc"),
                "capture.keys.passphrase-file=" + dir.resolve("keys/passphrase"),
                "capture.keys.ingest-public-key-file=" + dir.resolve("keys/vault-ingest.public.asc"),
                "capture.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                // A 03:45 run in the middle of a test would add a snapshot it does not expect.
                "capture.schedule.enabled=false"));
        settings.addAll(extraSettings);
        Path config = Files.write(agentDir.resolve("agent.properties"), settings);
        ChildJvm process = launch("capture-service", "io.configvault.capture.Application", config,
                agentDir.resolve("agent.out"), List.of());
        Agent agent = new Agent(appliance, process, "http://127.0.0.1:" + port, http);
        await().atMost(Duration.ofSeconds(60)).until(() -> answers(agent.url()
                + "/api/v1/status", 200));
        return agent;
    }

    private ChildJvm launch(String module, String mainClass, Path config, Path output)
            throws IOException {
        return launch(module, mainClass, config, output, List.of());
    }

    private ChildJvm launch(String module, String mainClass, Path config, Path output,
                            List<String> systemProperties) throws IOException {
        Path moduleDir = root.resolve(module);
        String classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(moduleDir.resolve("target/runtime.classpath")).strip();
        List<String> jvmArgs = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-Dmicronaut.config.files=" + config));
        jvmArgs.addAll(systemProperties);
        return ChildJvm.launch(module, dir, output, jvmArgs, classpath, mainClass, List.of());
    }

    /**
     * Starts one more vault instance beside the first: the same configuration (catalog file,
     * bucket, keys, consumer group), its own HTTP port and spool, its output in
     * {@code <name>.out}, and {@code extraSettings} ({@code key=value}) on top. System
     * properties override the configuration file in Micronaut.
     */
    ExtraVault startExtraVault(String name, List<String> extraSettings) throws IOException {
        int port = FreePorts.pick();
        List<String> properties = new ArrayList<>(List.of("-Dmicronaut.server.port=" + port,
                "-Dvault.spool-dir=" + dir.resolve(name + "/spool")));
        extraSettings.forEach(setting -> properties.add("-D" + setting));
        ChildJvm process = launch("vault-service", "io.configvault.vault.Application",
                dir.resolve("vault.yml"), dir.resolve(name + ".out"), properties);
        ExtraVault vault = new ExtraVault(name, process, "http://127.0.0.1:" + port,
                dir.resolve(name + ".out"));
        await().atMost(Duration.ofSeconds(60)).until(() -> answers(vault.url() + "/api/v1/x", 401));
        return vault;
    }

    /** The vault's output (stdout and stderr, its log). */
    Path vaultLog() {
        return dir.resolve("vault.out");
    }

    /** The vault's SQLite catalog file; its companions {@code -wal} and {@code -shm} beside. */
    Path catalogFile() {
        return dir.resolve("vault/catalog.db");
    }

    /** The armored secret key of {@code name} (an appliance, {@code vault-ingest}, ...). */
    Path secretKeyFile(String name) {
        return dir.resolve("keys/" + name + ".secret.asc");
    }

    /** The armored public key of {@code name}. */
    Path publicKeyFile(String name) {
        return dir.resolve("keys/" + name + ".public.asc");
    }

    /** The file holding the passphrase of every secret key of this fixture. */
    Path passphraseFile() {
        return dir.resolve("keys/passphrase");
    }

    String vaultUrl() {
        return "http://127.0.0.1:" + vaultPort;
    }

    /** GET on the vault API with the admin token. */
    HttpResponse<String> vault(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(vaultUrl() + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a JSON body on the vault API with the admin token. */
    HttpResponse<String> vaultPost(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(vaultUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> vaultBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(vaultUrl() + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private boolean answers(String url, int status) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (vault != null) {
            vault.stop(Duration.ofSeconds(20));
        }
        stack.close();
    }

    /** A vault instance started by {@link #startExtraVault}. */
    record ExtraVault(String name, ChildJvm process, String url, Path log) {

        void stop() {
            process.stop(Duration.ofSeconds(20));
        }

        void kill() {
            process.kill();
        }
    }

    /** A running agent. */
    record Agent(String appliance, ChildJvm process, String url, HttpClient http) {

        /** Takes a manual snapshot; returns its id. */
        String snapshot(String label) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(url + "/api/v1/snapshots"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new AssertionError("snapshot refused: " + response.body());
            }
            return Json.field(response.body(), "snapshotId");
        }

        int outboxDepth() throws Exception {
            return Integer.parseInt(Json.field(http.send(HttpRequest.newBuilder(
                            URI.create(url + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), "outboxDepth"));
        }

        void kill() {
            process.kill();
        }

        void stop() {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
