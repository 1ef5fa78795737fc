package io.configvault.agentpackage;

import static org.awaitility.Awaitility.await;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackRoot;
import java.io.File;
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
 * The local stack the packaged agent delivers to: a real broker and S3 server
 * ({@link LocalStack}) and the vault, launched from its build output as the quickstart launches
 * it, with fresh keys and an admin token. Appliances enrol with tokens from {@link #enrolmentToken}.
 */
final class PackageVault implements AutoCloseable {

    static final String FLEET = "lab";
    private static final String PASSPHRASE = "package-test-passphrase";
    private static final String BUCKET = "configvault";

    private final Path dir;
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port = FreePorts.pick();
    private ChildJvm vault;
    private String adminToken;

    PackageVault(Path dir) throws IOException {
        this.dir = dir;
        this.stack = LocalStack.start(dir.resolve("infra"));
        try {
            stack.kafka().createTopics(1, "configvault.snapshots", "configvault.quarantine",
                    "configvault.commands");
            stack.s3().createBucket(BUCKET);
            startVault();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startVault() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        for (String name : List.of("vault-ingest", "vault-storage")) {
            var key = OpenPgpKeys.generate(name, PASSPHRASE.toCharArray());
            Files.writeString(dir.resolve("keys/" + name + ".secret.asc"), key.armoredSecretKey());
        }
        Files.writeString(dir.resolve("keys/passphrase"), PASSPHRASE);
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
                """.formatted(port, dir.resolve("vault/catalog.db"), dir.resolve("vault/spool"),
                stack.kafka().bootstrapServers(), stack.s3().endpoint(), BUCKET,
                stack.s3().accessKey(), stack.s3().secretKey(),
                dir.resolve("keys/vault-ingest.secret.asc"),
                dir.resolve("keys/vault-storage.secret.asc"), dir.resolve("keys/passphrase"),
                adminTokenFile()));
        Path module = StackRoot.locate().dir().resolve("vault-service");
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime.classpath")).strip();
        vault = ChildJvm.launch("vault-service", dir, dir.resolve("vault.out"),
                List.of("--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                        "-Dmicronaut.config.files=" + config),
                classpath, "io.configvault.vault.Application", List.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/api/v1/x") == 401);
        adminToken = Files.readString(adminTokenFile()).strip();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String bootstrapServers() {
        return stack.kafka().bootstrapServers();
    }

    /** The file holding the admin token (also usable as the restore command's token file). */
    Path adminTokenFile() {
        return dir.resolve("vault/admin-token");
    }

    /** A single-use enrolment token for {@code applianceId} in {@link #FLEET}. */
    String enrolmentToken(String applianceId) throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/enrolment-tokens")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fleet\":\"" + FLEET
                        + "\",\"applianceId\":\"" + applianceId + "\",\"ttl\":\"PT15M\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("token refused: " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The vault's listing of the appliance's snapshots (JSON), with the admin token. */
    String snapshots(String applianceId) throws Exception {
        return http.send(request("/api/v1/appliances/" + applianceId + "/snapshots").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + adminToken);
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            if (vault != null) {
                vault.stop(Duration.ofSeconds(20));
            }
        } finally {
            stack.close();
        }
    }
}
