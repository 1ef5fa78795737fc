package io.configvault.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real S3-compatible server, s3proxy with the jclouds {@code filesystem} backend, running as a
 * child JVM on 127.0.0.1.
 *
 * <p>Files in the data dir: {@code s3proxy.properties} and {@code logback.xml} (rewritten on
 * each start), {@code blobs/} (one directory per bucket, one file per object), {@code s3proxy.log}
 * (WARN and above; s3proxy logs every request at DEBUG otherwise) and {@code s3proxy.out} (the
 * JVM's stdout and stderr). Starting again on the same data dir keeps every bucket and object.
 *
 * <p>Requests must be signed (AWS signature v2 or v4) with the access and secret key given to
 * {@link #start}; use path-style addressing and region {@value #REGION}. {@link #newClient()}
 * builds a client configured that way.
 *
 * <p>Thread-safe: the lifecycle is a {@link RestartableProcess}.
 */
public final class S3Server implements AutoCloseable {

    /** The region clients should sign for; s3proxy accepts any. */
    public static final String REGION = "us-east-1";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final StackRoot root;
    private final S3ServerFiles files;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final RestartableProcess process = new RestartableProcess(this::boot);

    private S3Server(
            StackRoot root, S3ServerFiles files, int port, String accessKey, String secretKey) {
        this.root = root;
        this.files = files;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts an S3 server on {@code dataDir} (created if missing) and waits until it answers HTTP.
     *
     * @param port the port on 127.0.0.1, or 0 for a free one
     * @throws IllegalStateException if the server does not answer within 30 s or exits, with the
     *     tail of its log
     */
    public static S3Server start(Path dataDir, int port, String accessKey, String secretKey) {
        return start(StackRoot.locate(), dataDir, port, accessKey, secretKey);
    }

    static S3Server start(
            StackRoot root, Path dataDir, int port, String accessKey, String secretKey) {
        S3ServerFiles files = new S3ServerFiles(
                ConfigFiles.createDirectories(dataDir.toAbsolutePath().normalize()));
        S3Server server = new S3Server(root, files, FreePorts.orPick(port), accessKey, secretKey);
        server.process.start();
        return server;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The access key (AWS access key id) requests must be signed with. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key requests must be signed with. */
    public String secretKey() {
        return secretKey;
    }

    /** {@value #REGION}. */
    public String region() {
        return REGION;
    }

    /** The data dir holding the configuration, the objects and the server's output. */
    public Path dataDir() {
        return files.dataDir();
    }

    /** Whether the server process is running (it may not be answering yet or any more). */
    public boolean isRunning() {
        return process.isRunning();
    }

    /**
     * A new client for this server: path-style, static credentials, checksums only where an
     * operation requires them, the Apache HTTP client. The caller closes it.
     */
    public S3Client newClient() {
        return S3Clients.create(endpoint(), region(), accessKey, secretKey);
    }

    /**
     * Creates a bucket. Idempotent: a bucket that already exists is fine.
     *
     * @throws IllegalStateException if the server refuses, with its error code
     */
    public void createBucket(String bucket) {
        try (S3Client client = newClient()) {
            client.createBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!"BucketAlreadyOwnedByYou".equals(code)) {
                throw new IllegalStateException("Cannot create bucket '" + bucket + "' on " + endpoint()
                        + ": " + e.statusCode() + " " + code, e);
            }
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "Cannot create bucket '" + bucket + "' on " + endpoint() + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server: SIGTERM, then SIGKILL after 30 s. No-op if stopped. */
    public void stop() {
        process.stop();
    }

    /** Kills the server with SIGKILL at once, for fault tests. No-op if stopped. */
    public void kill() {
        process.kill();
    }

    /**
     * Starts the server again on the same data dir and port, stopping it first if it is still
     * running, and waits until it answers.
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
        files.write(endpoint(), accessKey, secretKey);
        ChildJvm server = ChildJvm.launch(
                "S3 server " + endpoint(), files.dataDir(), files.output(),
                List.of("-Xmx256m", "--sun-misc-unsafe-memory-access=allow", "-Djava.awt.headless=true",
                        "-Dlogback.configurationFile=" + files.logbackConfig()),
                root.s3Classpath(), "org.gaul.s3proxy.Main",
                List.of("--properties", files.serverProperties().toString()));
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            server.awaitReady(STARTUP_TIMEOUT, () -> answers(http), this::failure);
        }
        return server;
    }

    private boolean answers(HttpClient http) {
        HttpRequest probe = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).build();
        try {
            // Any HTTP answer will do; unsigned requests get 403 AccessDenied.
            http.send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private IllegalStateException failure(String reason) {
        return new IllegalStateException(
                "Cannot start the S3 server on " + endpoint() + " (data dir " + files.dataDir() + "): "
                        + reason + LogTail.of(files.serverLog(), files.output()));
    }
}
