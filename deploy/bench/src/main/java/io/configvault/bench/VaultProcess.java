package io.configvault.bench;

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
import java.util.List;

/**
 * A real vault as a child JVM launched from vault-service's build output, exactly as the
 * quickstart launches it ({@code -Xmx256m}), on the bench's stack, with the simulated appliances
 * enrolled by configuration ({@code vault.appliances}).
 */
final class VaultProcess implements AutoCloseable {

    static final String BUCKET = "configvault";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm process;
    private final String url;
    private final String token;
    private final Path log;

    private VaultProcess(ChildJvm process, String url, String token, Path log) {
        this.process = process;
        this.url = url;
        this.token = token;
        this.log = log;
    }

    /** Writes {@code <dir>/vault.yml}, starts the vault and waits until its API answers. */
    static VaultProcess start(Path root, Path dir, LocalStack stack, BenchKeys keys,
                              List<SimulatedAppliance> appliances, HttpClient http)
            throws IOException {
        int port = FreePorts.pick();
        StringBuilder enrolled = new StringBuilder();
        for (SimulatedAppliance appliance : appliances) {
            enrolled.append("""
                        - id: %s
                          fleet: bench
                          public-key-file: %s
                    """.formatted(appliance.id(), appliance.publicKeyFile()));
        }
        Path config = Files.writeString(dir.resolve("vault.yml"), """
                micronaut:
                  server:
                    host: 127.0.0.1
                    port: %d
                vault:
                  catalog-path: %s
                  spool-dir: %s
                  kafka:
                    bootstrap-servers: %s
                    topics:
                      replication-factor: 1
                      min-insync-replicas: 1
                      allow-single-replica: true
                  s3:
                    endpoint: %s
                    bucket: %s
                    access-key-id: %s
                    secret-access-key: %s
                  keys:
                    ingest-secret-key-file: %s
                    storage-secret-key-file: %s
                    passphrase-file: %s
                  api:
                    admin-token-file: %s
                  appliances:
                %s""".formatted(port, dir.resolve("vault/catalog.db"), dir.resolve("vault/spool"),
                stack.kafka().bootstrapServers(), stack.s3().endpoint(), BUCKET,
                stack.s3().accessKey(), stack.s3().secretKey(), keys.secretKeyFile("vault-ingest"),
                keys.secretKeyFile("vault-storage"), keys.passphraseFile(),
                dir.resolve("vault/admin-token"), enrolled));
        Path moduleDir = root.resolve("vault-service");
        Path classpathFile = moduleDir.resolve("target/runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("Cannot start the vault: " + classpathFile + " is"
                    + " missing; build with ./mvnw -B -Pbench -pl deploy/bench -am -DskipTests"
                    + " package first");
        }
        String classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip();
        Path log = dir.resolve("vault.out");
        ChildJvm process = ChildJvm.launch("vault-service", dir, log,
                List.of("--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                        "-Dmicronaut.config.files=" + config),
                classpath, "io.configvault.vault.Application", List.of());
        String url = "http://127.0.0.1:" + port;
        process.awaitReady(READY_TIMEOUT, () -> answers(http, url + "/api/v1/x", 401),
                reason -> new IllegalStateException("Cannot start the vault: " + reason + "; see "
                        + log));
        String token = Files.readString(dir.resolve("vault/admin-token")).strip();
        return new VaultProcess(process, url, token, log);
    }

    String url() {
        return url;
    }

    /** The admin token, for the API's listing. */
    String token() {
        return token;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static boolean answers(HttpClient http, String url, int status) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2)).build(),
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
        process.stop(Duration.ofSeconds(20));
    }
}
