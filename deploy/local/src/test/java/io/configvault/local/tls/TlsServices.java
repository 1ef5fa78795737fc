package io.configvault.local.tls;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
import io.configvault.stack.KafkaBroker;
import io.configvault.stack.LocalStack;
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
 * The vault and agents of the TLS test as child JVMs, launched from their build output as the
 * quickstart launches them, connected only to the broker's SSL listener. Their Kafka TLS
 * settings, passwords included, are in a configuration file of their own
 * ({@code *-kafka-tls.yml}/{@code .properties}), as docs/vault-service.md advises.
 */
final class TlsServices implements AutoCloseable {

    private static final String PASSPHRASE = "tls-services-passphrase";
    private static final String BUCKET = "configvault-tls";
    private static final String VAULT_MAIN = "io.configvault.vault.Application";
    private static final String AGENT_MAIN = "io.configvault.capture.Application";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final LocalStack stack;
    private final KafkaBroker broker;
    private final TestCertificates certificates;
    private final List<String> appliances;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ChildJvm> processes = new ArrayList<>();
    private int vaultPort;

    /** What a child that stops by itself printed, and its exit code. */
    record Exit(int code, String output) {
    }

    TlsServices(Path dir, LocalStack stack, KafkaBroker broker, TestCertificates certificates,
                List<String> appliances) throws Exception {
        this.dir = dir;
        this.stack = stack;
        this.broker = broker;
        this.certificates = certificates;
        this.appliances = List.copyOf(appliances);
        stack.s3().createBucket(BUCKET);
        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/passphrase"), PASSPHRASE);
        for (String name : concat("vault-ingest", "vault-storage")) {
            var key = OpenPgpKeys.generate(name, PASSPHRASE.toCharArray());
            Files.writeString(dir.resolve("keys/" + name + ".secret.asc"), key.armoredSecretKey());
            Files.writeString(dir.resolve("keys/" + name + ".public.asc"), key.armoredPublicKey());
        }
    }

    /** Starts the vault over TLS; it creates its topics through the SSL listener. */
    void startVault() throws Exception {
        vaultPort = FreePorts.pick();
        Path tls = Files.writeString(dir.resolve("vault-kafka-tls.yml"), """
                vault:
                  kafka:
                    client:
                      security.protocol: SSL
                      ssl.truststore.type: PKCS12
                      ssl.truststore.location: %s
                      ssl.truststore.password: %s
                      ssl.keystore.type: PKCS12
                      ssl.keystore.location: %s
                      ssl.keystore.password: %s
                """.formatted(certificates.truststore("vault"), certificates.password(),
                certificates.clientKeystore("vault"), certificates.password()));
        processes.add(ModuleLaunch.start(dir, "vault-service", VAULT_MAIN,
                List.of(vaultConfig(), tls), dir.resolve("vault.out"),
                List.of("-Dmicronaut.server.port=" + vaultPort)));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(vaultUrl() + "/api/v1/x") == 401);
    }

    /**
     * The same vault without its TLS settings (so speaking PLAINTEXT) on its own catalog, with a
     * 3 s topic timeout: it must stop by itself.
     */
    Exit runPlaintextVault() throws Exception {
        Path output = dir.resolve("plaintext-vault.out");
        ChildJvm vault = ModuleLaunch.start(dir, "vault-service", VAULT_MAIN,
                List.of(vaultConfig()), output, List.of(
                        "-Dmicronaut.server.port=" + FreePorts.pick(),
                        "-Dvault.catalog-path=" + dir.resolve("plaintext/catalog.db"),
                        "-Dvault.spool-dir=" + dir.resolve("plaintext/spool"),
                        "-Dvault.api.admin-token-file=" + dir.resolve("plaintext/admin-token"),
                        "-Dvault.kafka.topics.timeout=3s"));
        processes.add(vault);
        if (!vault.awaitExit(Duration.ofSeconds(40))) {
            vault.kill();
            throw new AssertionError("the plaintext vault did not stop within 40 s:\n"
                    + Files.readString(output));
        }
        return new Exit(vault.exitCode(), Files.readString(output));
    }

    /** Starts the agent of {@code appliance}; with {@code certificate} false it has none. */
    TlsAgent startAgent(String appliance, boolean certificate) throws Exception {
        int port = FreePorts.pick();
        Path agentDir = Files.createDirectories(dir.resolve("agents/" + appliance));
        Path source = Files.writeString(agentDir.resolve("app.conf"), "name=" + appliance + "\n");
        Path config = Files.write(agentDir.resolve("agent.properties"), List.of(
                "micronaut.server.port=" + port,
                "capture.appliance-id=" + appliance,
                "capture.fleet=lab",
                "capture.data-dir=" + agentDir.resolve("data"),
                "capture.sources[0].name=app.conf",
                "capture.sources[0].kind=file",
                "capture.sources[0].path=" + source,
                "capture.keys.signing-key-file=" + dir.resolve("keys/" + appliance + ".secret.asc"),
                "capture.keys.passphrase-file=" + dir.resolve("keys/passphrase"),
                "capture.keys.ingest-public-key-file="
                        + dir.resolve("keys/vault-ingest.public.asc"),
                "capture.kafka.bootstrap-servers=" + broker.sslBootstrapServers(),
                "capture.kafka.producer.max.block.ms=5000",
                "capture.kafka.producer.request.timeout.ms=3000",
                "capture.kafka.producer.delivery.timeout.ms=5000",
                "capture.schedule.enabled=false"));
        List<String> tls = new ArrayList<>(List.of(
                "capture.kafka.client.security.protocol=SSL",
                "capture.kafka.client.ssl.truststore.type=PKCS12",
                "capture.kafka.client.ssl.truststore.location="
                        + certificates.truststore(appliance),
                "capture.kafka.client.ssl.truststore.password=" + certificates.password()));
        if (certificate) {
            tls.addAll(List.of("capture.kafka.client.ssl.keystore.type=PKCS12",
                    "capture.kafka.client.ssl.keystore.location="
                            + certificates.clientKeystore(appliance),
                    "capture.kafka.client.ssl.keystore.password=" + certificates.password()));
        }
        Path secrets = Files.write(agentDir.resolve("agent-kafka-tls.properties"), tls);
        Path log = agentDir.resolve("agent.out");
        processes.add(ModuleLaunch.start(dir, "capture-service", AGENT_MAIN,
                List.of(config, secrets), log, List.of()));
        TlsAgent agent = new TlsAgent("http://127.0.0.1:" + port, log, http);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status(agent.url() + "/api/v1/status") == 200);
        return agent;
    }

    /** Snapshot ids the vault lists for {@code appliance}. */
    List<String> listed(String appliance) throws Exception {
        String token = Files.readString(dir.resolve("vault/admin-token")).strip();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(vaultUrl()
                        + "/api/v1/appliances/" + appliance + "/snapshots?limit=100"))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        if (response.statusCode() == 200) {
            JSON.readTree(response.body()).get("items").forEach(i -> ids.add(i.get("id").asText()));
        }
        return ids;
    }

    Path vaultLog() {
        return dir.resolve("vault.out");
    }

    private Path vaultConfig() throws IOException {
        VaultYaml yaml = VaultYaml.in(dir).partitions(1)
                .kafka(broker.sslBootstrapServers()).s3(stack.s3(), BUCKET)
                .keys(dir.resolve("keys/vault-ingest.secret.asc"),
                        dir.resolve("keys/vault-storage.secret.asc"),
                        dir.resolve("keys/passphrase"));
        for (String appliance : appliances) {
            yaml.appliance(appliance, "lab", dir.resolve("keys/" + appliance + ".public.asc"));
        }
        return yaml.write();
    }

    private String vaultUrl() {
        return "http://127.0.0.1:" + vaultPort;
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private List<String> concat(String... names) {
        List<String> all = new ArrayList<>(List.of(names));
        all.addAll(appliances);
        return all;
    }

    @Override
    public void close() {
        processes.forEach(process -> process.stop(Duration.ofSeconds(20)));
    }
}
