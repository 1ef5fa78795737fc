package io.configvault.local;

import static org.awaitility.Awaitility.await;

import io.configvault.stack.OutputArchive;
import io.configvault.stack.StackRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code deploy/local/run} exactly as an operator would, with its own home and ports. */
final class QuickstartProcess implements AutoCloseable {

    private final Path home;
    private final Map<String, String> ports;
    private final Path output;
    private Process process;

    QuickstartProcess(Path home) throws IOException {
        this.home = home;
        this.output = home.resolve("run.out");
        this.ports = Map.of("CONFIGVAULT_VAULT_PORT", freePort(),
                "CONFIGVAULT_AGENT_PORT", freePort(), "CONFIGVAULT_KAFKA_PORT", freePort(),
                "CONFIGVAULT_S3_PORT", freePort());
    }

    /** Starts the script and waits until it says the stack is up; returns how long it took. */
    Duration start() throws IOException {
        Files.createDirectories(home);
        Files.deleteIfExists(home.resolve("stack.env"));
        Path root = StackRoot.locate().dir();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("deploy/local/run").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("CONFIGVAULT_HOME", home.toString());
        builder.environment().put("CONFIGVAULT_NO_BUILD", "1");
        builder.environment().putAll(ports);
        long offset = Files.exists(output) ? Files.size(output) : 0;
        long started = System.nanoTime();
        process = builder.start();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("deploy/local/run exited with "
                        + process.exitValue() + ":\n" + Files.readString(output));
            }
            return Files.readString(output).substring((int) offset).contains("ConfigVault is up");
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    Map<String, String> env() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("stack.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGTERM, as Ctrl-C would; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("deploy/local/run did not stop within 60 s of SIGTERM");
        }
        keepOutput();
        return process.exitValue();
    }

    /** The launcher's and the services' output, for the build's leak check (OutputArchive). */
    private void keepOutput() {
        OutputArchive.keep("quickstart-run", output);
        Path logs = home.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                files.forEach(log -> OutputArchive.keep("quickstart-"
                        + log.getFileName().toString().replaceFirst("\\.log$", ""), log));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
