package io.configvault.bench;

import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real capture agent as a child JVM launched from capture-service's build output, as the
 * quickstart launches it ({@code -Xmx256m}), enrolled by configuration: its signing key is one
 * of {@link BenchKeys} (the vault's {@code vault.appliances} lists its public key) and it pins
 * the vault's ingest key from the same place. Its settings are a properties file
 * {@code <dir>/agent.properties}; its output goes to {@code <dir>/agent.out}.
 */
final class AgentProcess implements AutoCloseable {

    static final String FLEET = "bench";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm process;
    private final Path log;

    private AgentProcess(ChildJvm process, Path log) {
        this.process = process;
        this.log = log;
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

    /** Starts the agent ({@code io.configvault.capture.Application}); waits until its API answers. */
    static AgentProcess start(Path root, Path dir, List<String> settings, HttpClient http)
            throws IOException {
        int port = FreePorts.pick();
        List<String> all = new ArrayList<>(settings);
        all.add("micronaut.server.port=" + port);
        AgentProcess agent = launch(root, dir, all, "io.configvault.capture.Application",
                List.of(), "");
        String status = "http://127.0.0.1:" + port + "/api/v1/status";
        agent.process.awaitReady(READY_TIMEOUT, () -> VaultProcess.answers(http, status, 200),
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
        AgentProcess run = launch(root, dir, settings, mainClass, args, suite);
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
                                       String mainClass, List<String> args,
                                       String classpathPrefix) throws IOException {
        String classpath = classpathPrefix + ServiceClasspath.of(root, "capture-service",
                "the agent");
        Files.createDirectories(dir);
        Path config = Files.write(dir.resolve("agent.properties"), settings);
        Path log = dir.resolve("agent.out");
        ChildJvm process = ChildJvm.launch("capture-service", dir, log, List.of(
                        "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                        "-Dmicronaut.config.files=" + config),
                classpath, mainClass, args);
        return new AgentProcess(process, log);
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
