package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
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
 * quickstart launches it but with the heap an appliance would give it ({@code -Xmx} of the
 * caller's choice), on the bench's stack: one file source, its signing key made by {@link
 * BenchKeys} and enrolled in the vault by configuration, no schedule (snapshots only when the
 * bench asks through the agent's API).
 */
final class AgentProcess implements AutoCloseable {

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
     * Writes {@code <dir>/agent.properties}, starts the agent of appliance {@code id} backing up
     * {@code source} and waits until its API answers.
     *
     * @param maxSnapshotBytes {@code capture.max-snapshot-bytes}
     * @param jvmOptions       e.g. {@code -Xmx64m} and a GC log
     */
    static AgentProcess start(Path root, Path dir, LocalStack stack, BenchKeys keys, String id,
                              Path source, long maxSnapshotBytes, List<String> jvmOptions,
                              HttpClient http) throws IOException {
        int port = FreePorts.pick();
        Files.createDirectories(dir);
        Path settings = Files.write(dir.resolve("agent.properties"), List.of(
                "micronaut.server.host=127.0.0.1",
                "micronaut.server.port=" + port,
                "capture.appliance-id=" + id,
                "capture.fleet=" + VaultProcess.BENCH_FLEET,
                "capture.data-dir=" + dir.resolve("data"),
                "capture.max-snapshot-bytes=" + maxSnapshotBytes,
                "capture.sources[0].name=" + source.getFileName(),
                "capture.sources[0].kind=file",
                "capture.sources[0].path=" + source,
                "capture.keys.signing-key-file=" + keys.secretKeyFile(id),
                "capture.keys.passphrase-file=" + keys.passphraseFile(),
                "capture.keys.ingest-public-key-file=" + keys.publicKeyFile("vault-ingest"),
                "capture.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
                "capture.schedule.enabled=false"));
        List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        options.addAll(jvmOptions);
        options.add("-Dmicronaut.config.files=" + settings);
        Path log = dir.resolve("agent.out");
        ChildJvm process = ChildJvm.launch("capture-service", dir, log, options,
                ServiceBuild.classpath(root, "capture-service"),
                "io.configvault.capture.Application", List.of());
        String url = "http://127.0.0.1:" + port;
        process.awaitReady(READY_TIMEOUT,
                () -> VaultProcess.answers(http, url + "/api/v1/status", 200),
                reason -> new IllegalStateException("Cannot start the agent: " + reason
                        + "; see " + log));
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

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
