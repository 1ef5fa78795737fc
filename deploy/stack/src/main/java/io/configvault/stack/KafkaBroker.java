package io.configvault.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * JVM), running as a child JVM on 127.0.0.1.
 *
 * <p>Files in the data dir: {@code server.properties} and {@code log4j2.xml} (rewritten on each
 * start), {@code kraft-logs/} (the log dir and metadata log), {@code broker.log} (WARN and above)
 * and {@code broker.out} (the JVM's stdout and stderr). The storage is formatted only when
 * {@code kraft-logs/meta.properties} does not exist yet, so starting again on the same data dir
 * keeps every topic and record; the controller port is then taken from the previous
 * {@code server.properties}, because the single-voter quorum recorded that endpoint when it was
 * formatted.
 *
 * <p>The broker is configured for one node: replication factors and min ISR of 1, no automatic
 * topic creation (create topics with {@link #createTopics}), no initial rebalance delay, records
 * up to 1 MiB plus headers ({@code message.max.bytes} 1114112, what the vault requires).
 *
 * <p>{@link #startWithTls} adds a second client listener, {@code SSL}, requiring client
 * certificates; the plaintext listener stays for the broker itself and the harness
 * ({@link #createTopics}, readiness).
 *
 * <p>Thread-safe: the lifecycle is a {@link RestartableProcess}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final StackRoot root;
    private final KafkaBrokerFiles files;
    private final int port;
    private final int controllerPort;
    private final BrokerTls tls;
    private final int sslPort;
    private final RestartableProcess process = new RestartableProcess(this::boot);

    private KafkaBroker(StackRoot root, KafkaBrokerFiles files, int port, int controllerPort,
                        BrokerTls tls) {
        this.root = root;
        this.files = files;
        this.port = port;
        this.controllerPort = controllerPort;
        this.tls = tls;
        this.sslPort = tls == null ? 0 : FreePorts.pick();
    }

    /**
     * Starts a broker on {@code dataDir} (created if missing) and waits until it answers.
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one; the controller listener
     *     always gets a port of its own
     * @throws IllegalStateException if the broker does not answer within 60 s or exits, with the
     *     tail of its log
     */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(StackRoot.locate(), dataDir, port);
    }

    /**
     * Starts a broker as {@link #start(Path, int)} does, with a second client listener on a free
     * port that speaks mutual TLS with {@code tls} ({@link #sslBootstrapServers()}).
     */
    public static KafkaBroker startWithTls(Path dataDir, BrokerTls tls) {
        return start(StackRoot.locate(), dataDir, 0, tls);
    }

    static KafkaBroker start(StackRoot root, Path dataDir, int port) {
        return start(root, dataDir, port, null);
    }

    private static KafkaBroker start(StackRoot root, Path dataDir, int port, BrokerTls tls) {
        KafkaBrokerFiles files = new KafkaBrokerFiles(
                ConfigFiles.createDirectories(dataDir.toAbsolutePath().normalize()));
        KafkaBroker broker = new KafkaBroker(root, files, FreePorts.orPick(port),
                files.controllerPort(), tls);
        broker.process.start();
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * {@code 127.0.0.1:<ssl port>}: the mutual-TLS listener of a broker started by
     * {@link #startWithTls}.
     *
     * @throws IllegalStateException if the broker has no TLS listener
     */
    public String sslBootstrapServers() {
        if (tls == null) {
            throw new IllegalStateException("The broker on " + bootstrapServers()
                    + " has no TLS listener; start it with KafkaBroker.startWithTls");
        }
        return "127.0.0.1:" + sslPort;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The controller listener's port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The data dir holding the configuration, the logs and the broker's output. */
    public Path dataDir() {
        return files.dataDir();
    }

    /** Whether the broker process is running (it may not be answering yet or any more). */
    public boolean isRunning() {
        return process.isRunning();
    }

    /**
     * Creates topics with {@code partitions} partitions and replication factor 1, and waits until
     * the controller has them. Idempotent: a topic that already exists is left as it is, whatever
     * its partition count.
     *
     * @throws IllegalStateException if a topic cannot be created, naming the topic
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics =
                Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        Admin admin = Admin.create(adminProperties());
        try {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            results.forEach(this::awaitTopic);
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Stops the broker: SIGTERM (a clean shutdown), then SIGKILL after 30 s. No-op if stopped. */
    public void stop() {
        process.stop();
    }

    /** Kills the broker with SIGKILL at once, for fault tests. No-op if stopped. */
    public void kill() {
        process.kill();
    }

    /**
     * Starts the broker again on the same data dir and the same ports, stopping it first if it is
     * still running, and waits until it answers.
     *
     * @throws IllegalStateException as {@link #start} does
     */
    public void restart() {
        process.restart();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private ChildJvm boot() {
        files.write(port, controllerPort, tls, sslPort);
        List<String> jvmArgs = List.of(
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + files.log4jConfig().toUri());
        if (!files.isFormatted()) {
            format(jvmArgs);
        }
        ChildJvm broker = ChildJvm.launch(
                "Kafka broker " + bootstrapServers(), files.dataDir(), files.output(), jvmArgs,
                root.kafkaClasspath(), "kafka.Kafka", List.of(files.serverProperties().toString()));
        Admin admin = Admin.create(adminProperties());
        try {
            broker.awaitReady(STARTUP_TIMEOUT, () -> answers(admin), this::failure);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
        return broker;
    }

    private void format(List<String> jvmArgs) {
        ChildJvm storageTool = ChildJvm.launch(
                "Kafka storage format", files.dataDir(), files.output(), jvmArgs, root.kafkaClasspath(),
                "kafka.tools.StorageTool",
                List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(),
                        "-c", files.serverProperties().toString()));
        if (!storageTool.awaitExit(STARTUP_TIMEOUT)) {
            storageTool.kill();
            throw failure("formatting the storage took over " + STARTUP_TIMEOUT.toSeconds() + " s");
        }
        if (storageTool.exitCode() != 0) {
            throw failure("formatting the storage failed with exit code " + storageTool.exitCode());
        }
    }

    private static boolean answers(Admin admin) {
        try {
            // The broker lists itself only once it is registered and unfenced: ready for topics.
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitTopic(String name, KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic '" + name + "' on "
                        + bootstrapServers() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Cannot create topic '" + name + "' on " + bootstrapServers() + ": no answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot create topic '" + name + "': interrupted", e);
        }
    }

    private IllegalStateException failure(String reason) {
        return new IllegalStateException(
                "Cannot start Kafka on " + bootstrapServers() + " (data dir " + files.dataDir() + "): "
                        + reason + LogTail.of(files.brokerLog(), files.output()));
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        properties.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "500");
        return properties;
    }
}
