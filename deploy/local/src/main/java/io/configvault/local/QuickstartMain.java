package io.configvault.local;

import io.configvault.stack.ChildJvm;
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
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/local/run}: starts the broker and the S3 server, creates the bucket, prepares
 * the vault's keys and the demo appliance, launches the vault (which creates its topics), issues an
 * enrolment token for the demo agent on its first start, launches the agent (which generates its
 * own key and enrols), waits until every part answers, writes {@code stack.env} and prints how
 * to use it. SIGTERM or Ctrl-C stops
 * everything in reverse order.
 */
public final class QuickstartMain {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private QuickstartMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment(System.getenv());
        Path home = Files.createDirectories(settings.home());
        Path logs = Files.createDirectories(home.resolve("logs"));
        long started = System.nanoTime();
        say("Preparing keys and the demo appliance in " + home);
        StackKeys keys = new StackKeys(home.resolve("keys"));
        keys.ensure("vault-ingest", "ConfigVault ingest (local stack)", "vault");
        keys.ensure("vault-storage", "ConfigVault storage (local stack)", "vault");
        keys.ensure("escrow-DEMO-ONLY", "ConfigVault escrow DEMO ONLY", "escrow-DEMO-ONLY");
        ServiceConfigs.adoptPreEnrolmentKey(settings, keys);
        DemoAppliance demo = new DemoAppliance(home.resolve("demo-appliance"));
        demo.createIfMissing();

        say("Starting Kafka (KRaft) on port " + settings.kafkaPort() + " and S3 (s3proxy) on port "
                + settings.s3Port());
        LocalStack stack = LocalStack.start(home.resolve("infra"), settings.kafkaPort(),
                settings.s3Port());
        stack.s3().createBucket(Settings.BUCKET);

        Path vaultConfig = ServiceConfigs.vault(settings, keys, stack.kafka().bootstrapServers(),
                stack.s3().endpoint().toString(), stack.s3().accessKey(), stack.s3().secretKey());
        Path agentConfig = ServiceConfigs.agent(settings, keys, demo,
                stack.kafka().bootstrapServers());
        say("Starting vault-service on " + settings.vaultUrl());
        ChildJvm vault = launch(settings, "vault-service", "io.configvault.vault.Application",
                vaultConfig, logs);
        vault.awaitReady(READY_TIMEOUT, () -> answers(settings.vaultUrl()
                + "/api/v1/appliances/" + DemoAppliance.ID + "/snapshots", 401),
                reason -> failed("vault-service", reason, logs));
        if (DemoEnrolment.prepare(settings, HTTP)) {
            say("Issued a one-time enrolment token for the demo appliance; the agent generates"
                    + " its key and enrols on this first start");
        }
        say("Starting capture-service (demo appliance " + DemoAppliance.ID + ") on "
                + settings.agentUrl());
        ChildJvm agent = launch(settings, "capture-service", "io.configvault.capture.Application",
                agentConfig, logs);
        agent.awaitReady(READY_TIMEOUT, () -> answers(settings.agentUrl() + "/api/v1/status", 200),
                reason -> failed("capture-service", reason, logs));
        DemoEnrolment.finish(settings);

        StackEnv.write(settings, stack, keys, demo);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Instructions.print(settings, took);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the stack...");
            agent.stop(Duration.ofSeconds(20));
            vault.stop(Duration.ofSeconds(20));
            stack.close();
            stopped.countDown();
        }, "stop-stack"));
        stopped.await();
    }

    /** The vault's G1 region size, as its container manifests set it. */
    static final String VAULT_G1_REGION = "-XX:G1HeapRegionSize=4m";

    private static ChildJvm launch(Settings settings, String module, String mainClass,
                                   Path config, Path logs) throws IOException {
        Path moduleDir = settings.root().resolve(module);
        Path classpathFile = moduleDir.resolve("target/runtime.classpath");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException("Cannot start " + module + ": " + classpathFile
                    + " is missing; run ./mvnw -DskipTests package first");
        }
        String classpath = moduleDir.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(classpathFile).strip();
        List<String> options = new java.util.ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        if (module.equals("vault-service")) {
            // Kafka records of up to 1 MiB stay ordinary objects (docs/operations.md, sizing).
            options.add(VAULT_G1_REGION);
        }
        options.add("-Dmicronaut.config.files=" + config);
        return ChildJvm.launch(module, config.getParent(), logs.resolve(module + ".log"),
                options, classpath, mainClass, List.of());
    }

    private static boolean answers(String url, int status) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == status;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RuntimeException failed(String service, String reason, Path logs) {
        return new IllegalStateException("Cannot start " + service + ": " + reason + "; see "
                + logs.resolve(service + ".log"));
    }

    private static void say(String line) {
        System.out.println("[configvault] " + line);
    }
}
