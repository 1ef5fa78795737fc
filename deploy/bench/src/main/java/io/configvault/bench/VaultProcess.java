package io.configvault.bench;

import io.configvault.stack.ChildJvm;
import io.configvault.stack.FreePorts;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real vault as a child JVM launched from vault-service's build output, exactly as the
 * quickstart launches it ({@code -Xmx256m}, 4 MiB G1 regions), on the bench's stack, with the simulated appliances
 * enrolled by configuration ({@code vault.appliances}). With {@code BENCH_PROFILE=1} the vault
 * records a JFR profile to {@code vault.jfr} next to its {@code vault.out}.
 */
final class VaultProcess implements AutoCloseable {

    static final String BUCKET = "configvault";
    /** The fleet every appliance of the bench is enrolled in. */
    static final String BENCH_FLEET = "bench";
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
        return start(root, dir, stack, keys, appliances, "", List.of(), http);
    }

    /**
     * As {@link #start(Path, Path, LocalStack, BenchKeys, List, HttpClient)}, with more settings
     * and JVM options.
     *
     * @param moreSettings YAML written to {@code <dir>/vault-more.yml} and read after {@code
     *                     vault.yml} (so it wins); empty for none
     * @param jvmOptions   added after the quickstart's ({@code -Xmx256m -XX:G1HeapRegionSize=4m}), so they win
     */
    static VaultProcess start(Path root, Path dir, LocalStack stack, BenchKeys keys,
                              List<SimulatedAppliance> appliances, String moreSettings,
                              List<String> jvmOptions, HttpClient http) throws IOException {
        Map<String, Path> enrolled = new LinkedHashMap<>();
        appliances.forEach(a -> enrolled.put(a.id(), a.publicKeyFile()));
        return start(root, dir, stack, keys, enrolled, moreSettings, jvmOptions, http);
    }

    /**
     * As {@link #start(Path, Path, LocalStack, BenchKeys, List, String, List, HttpClient)}, with
     * the appliances given by id and public key file (fleet {@code bench}), e.g. real agents'.
     */
    static VaultProcess start(Path root, Path dir, LocalStack stack, BenchKeys keys,
                              Map<String, Path> appliances, String moreSettings,
                              List<String> jvmOptions, HttpClient http) throws IOException {
        int port = FreePorts.pick();
        VaultYaml yaml = VaultYaml.in(dir).port(port)
                .kafka(stack.kafka().bootstrapServers()).s3(stack.s3(), BUCKET)
                .keys(keys.secretKeyFile("vault-ingest"), keys.secretKeyFile("vault-storage"),
                        keys.passphraseFile());
        appliances.forEach((id, publicKey) -> yaml.appliance(id, BENCH_FLEET, publicKey));
        String configFiles = yaml.write().toString();
        if (!moreSettings.isBlank()) {
            configFiles += "," + Files.writeString(dir.resolve("vault-more.yml"), moreSettings);
        }
        String classpath = ServiceClasspath.of(root, "vault-service", "the vault");
        Path log = dir.resolve("vault.out");
        List<String> options = new java.util.ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:G1HeapRegionSize=4m"));
        options.addAll(jvmOptions);
        if ("1".equals(System.getenv("BENCH_PROFILE"))) {
            // A flight recording of the vault, for finding where a figure's time goes.
            options.add("-XX:StartFlightRecording=filename=" + dir.resolve("vault.jfr")
                    + ",settings=profile");
        }
        options.add("-Dmicronaut.config.files=" + configFiles);
        ChildJvm process = ChildJvm.launch("vault-service", dir, log, options,
                classpath, "io.configvault.vault.Application", List.of());
        String url = "http://127.0.0.1:" + port;
        process.awaitReady(READY_TIMEOUT, () -> answers(http, url + "/api/v1/x", 401),
                reason -> new IllegalStateException("Cannot start the vault: " + reason + "; see "
                        + log));
        String token = Files.readString(yaml.adminTokenFile()).strip();
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

    /** The vault's process id. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@code url} answers HTTP {@code status} now (a readiness probe). */
    static boolean answers(HttpClient http, String url, int status) {
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
