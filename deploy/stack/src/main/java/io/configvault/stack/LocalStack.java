package io.configvault.stack;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole local infrastructure: one {@link KafkaBroker} in {@code <baseDir>/kafka} and one
 * {@link S3Server} in {@code <baseDir>/s3}, both on 127.0.0.1.
 *
 * <p>{@link #close()} stops both and leaves the base dir in place, so that starting again on it
 * keeps every topic, record, bucket and object.
 */
public final class LocalStack implements AutoCloseable {

    /** The S3 access key of a stack started by {@link #start(Path)}. */
    public static final String ACCESS_KEY = "configvault";

    /** The S3 secret key of a stack started by {@link #start(Path)}. */
    public static final String SECRET_KEY = "configvault-secret";

    private final Path baseDir;
    private final KafkaBroker kafka;
    private final S3Server s3;

    private LocalStack(Path baseDir, KafkaBroker kafka, S3Server s3) {
        this.baseDir = baseDir;
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Starts both servers on free ports under {@code baseDir}. */
    public static LocalStack start(Path baseDir) {
        return start(baseDir, 0, 0);
    }

    /**
     * Starts both servers under {@code baseDir} and waits until both answer; either port may be 0
     * for a free one. If either fails to start, the other is stopped before the error is thrown.
     *
     * @throws IllegalStateException if the project root or a runtime classpath cannot be found, or
     *     a server does not come up (the message quotes its log)
     */
    public static LocalStack start(Path baseDir, int kafkaPort, int s3Port) {
        StackRoot root = StackRoot.locate();
        // Fail on a missing classpath before anything is launched.
        root.kafkaClasspath();
        root.s3Classpath();
        Path dir = baseDir.toAbsolutePath().normalize();
        // s3proxy starts in about a second, the broker in several: overlap them.
        CompletableFuture<S3Server> s3 = CompletableFuture.supplyAsync(
                () -> S3Server.start(root, dir.resolve("s3"), s3Port, ACCESS_KEY, SECRET_KEY),
                task -> Thread.ofVirtual().name("start-s3").start(task));
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(root, dir.resolve("kafka"), kafkaPort);
        } catch (RuntimeException e) {
            s3.handle((server, ignored) -> {
                if (server != null) {
                    server.close();
                }
                return null;
            }).join();
            throw e;
        }
        try {
            return new LocalStack(dir, kafka, s3.join());
        } catch (CompletionException e) {
            kafka.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The broker; stopping it stops it for every user of this stack. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The S3 server; stopping it stops it for every user of this stack. */
    public S3Server s3() {
        return s3;
    }

    /** The directory holding {@code kafka/} and {@code s3/}. */
    public Path baseDir() {
        return baseDir;
    }

    /** A new S3 client for {@link #s3()}, see {@link S3Server#newClient()}. The caller closes it. */
    public S3Client s3Client() {
        return s3.newClient();
    }

    /** New client properties holding only {@code bootstrap.servers}; add the rest. */
    public Properties kafkaProps() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    /** Stops the S3 server and the broker. */
    @Override
    public void close() {
        try {
            s3.close();
        } finally {
            kafka.close();
        }
    }
}
