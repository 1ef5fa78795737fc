package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import java.io.File;
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
 * A real capture agent as a child JVM launched from capture-service's build output, as the
 * quickstart launches it ({@code -Xmx256m} unless the caller gives other JVM options, e.g. the
 * {@code -Xmx64m} of a small appliance), enrolled by configuration: its signing key is one of
 * {@link BenchKeys} (the vault's {@code vault.appliances} lists its public key) and it pins the
 * vault's ingest key from the same place. Its settings are a properties file
 * {@code <dir>/agent.properties}; its output goes to {@code <dir>/agent.out}.
 */
final class AgentProcess implements AutoCloseable {

    static final String FLEET = VaultProcess.BENCH_FLEET;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm process;
    private final String url;
    private final Path log;
    private final HttpClient http;

    private AgentProcess(ChildJvm process, String url, Path log, HttpClient http) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.http = http;
    }

    /**
     * The settings every bench agent has: its id and fleet, data directory, keys, broker, UTC,
     * and no schedule (a scheduled run in the middle of a figure would add a snapshot).
     */
    static List<String> settings(String applianceId, Path dir, BenchKeys keys, LocalStack stack) {
        return new ArrayList<>(List.of(
                "capture.appliance-id=" + applianceId,
                "capture.fleet=" + FLEET,
                "capture.time-zone=UTC",
                "capture.data-dir=" + dir.resolve("data"),
                "capture.keys.signing-key-file=" + keys.secretKeyFile(applianceId),
                "capture.keys.passphrase-file=" + keys.passphraseFile(),
                "capture.keys.ingest-public-key-file=" + keys.publicKeyFile("vault-ingest"),
                "capture.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "capture.schedule.enabled=false"));
    }

    /** Starts the agent with the quickstart's heap; waits until its API answers. */
    static AgentProcess start(Path root, Path dir, List<String> settings, HttpClient http)
            throws IOException {
        return start(root, dir, settings, List.of(), http);
    }

    /**
     * Starts the agent ({@code io.configvault.capture.Application}) with {@code jvmOptions}
     * (none: {@code -Xmx256m}); waits until its API answers.
     */
    static AgentProcess start(Path root, Path dir, List<String> settings,
                              List<String> jvmOptions, HttpClient http) throws IOException {
        int port = FreePorts.pick();
        List<String> all = new ArrayList<>(settings);
        all.add("micronaut.server.host=127.0.0.1");
        all.add("micronaut.server.port=" + port);
        String url = "http://127.0.0.1:" + port;
        AgentProcess agent = launch(root, dir, all, jvmOptions,
                "io.configvault.capture.Application", List.of(), "", url, http);
        agent.process.awaitReady(READY_TIMEOUT,
                () -> VaultProcess.answers(http, url + "/api/v1/status", 200),
                reason -> new IllegalStateException("Cannot start the agent in " + dir + ": "
                        + reason + "; see " + agent.log));
        return agent;
    }

    /**
     * Runs {@code mainClass} of the suite's own classes on the agent's classpath with {@code
     * settings} as its configuration, and waits for it to exit with 0.
     */
    static void runToEnd(Path root, Path dir, List<String> settings, String mainClass,
                         List<String> args, Duration timeout) throws IOException {
        String suite = root.resolve("deploy/bench/target/classes") + File.pathSeparator;
        AgentProcess run = launch(root, dir, settings, List.of(), mainClass, args, suite, null,
                null);
        if (!run.process.awaitExit(timeout)) {
            run.process.kill();
            throw new IllegalStateException(mainClass + " did not finish within "
                    + timeout.toSeconds() + " s; see " + run.log);
        }
        if (run.process.exitCode() != 0) {
            throw new IllegalStateException(mainClass + " failed (exit code "
                    + run.process.exitCode() + "); see " + run.log);
        }
    }

    private static AgentProcess launch(Path root, Path dir, List<String> settings,
                                       List<String> jvmOptions, String mainClass,
                                       List<String> args, String classpathPrefix, String url,
                                       HttpClient http) throws IOException {
        String classpath = classpathPrefix + ServiceClasspath.of(root, "capture-service",
                "the agent");
        Files.createDirectories(dir);
        Path config = Files.write(dir.resolve("agent.properties"), settings);
        Path log = dir.resolve("agent.out");
        List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        options.addAll(jvmOptions.isEmpty() ? List.of("-Xmx256m") : jvmOptions);
        options.add("-Dmicronaut.config.files=" + config);
        ChildJvm process = ChildJvm.launch("capture-service", dir, log, options, classpath,
                mainClass, args);
        return new AgentProcess(process, url, log, http);
    }

    /** Takes a manual snapshot; returns its id once the agent has it in its outbox. */
    String snapshot(String label) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/snapshots"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("The agent refused a snapshot: HTTP "
                    + response.statusCode() + " " + response.body() + "; see " + log);
        }
        return JSON.readTree(response.body()).path("snapshotId").asText();
    }

    /** The agent's status document ({@code GET /api/v1/status}). */
    JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/status")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The agent answered HTTP " + response.statusCode()
                    + " to its status; see " + log);
        }
        return JSON.readTree(response.body());
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
