/**
 * Real local infrastructure for the integration tests and the quickstart: a single-node Apache
 * Kafka broker (KRaft, broker and controller in one JVM) and an S3-compatible server (s3proxy
 * with the filesystem backend), each started as a child JVM on 127.0.0.1.
 *
 * <h2>Using it</h2>
 *
 * <p>In tests, {@code @ExtendWith(StackExtension.class)} and a {@link
 * io.configvault.stack.LocalStack} parameter (constructor, test method or {@code @BeforeAll}):
 * one stack is started per test JVM, on first use, and stopped when the JVM's tests are done.
 * Create your topics with {@code stack.kafka().createTopics(...)} (automatic topic creation is
 * off) and your bucket with {@code stack.s3().createBucket(...)}; both are idempotent. Use names
 * of your own, since every test class of the JVM sees the same broker and server. For a fault
 * test that stops, kills or restarts a server, start a {@link io.configvault.stack.KafkaBroker}
 * or {@link io.configvault.stack.S3Server} of your own on a {@code @TempDir}.
 *
 * <p>The quickstart calls {@link io.configvault.stack.LocalStack#start(java.nio.file.Path, int,
 * int)} with a base dir that outlives it, so that the next run finds the data again.
 *
 * <h2>Ports</h2>
 *
 * <p>Everything listens on 127.0.0.1 only. A port argument of 0 means "pick a free one" ({@link
 * io.configvault.stack.FreePorts}: bind port 0, read the port, release it), which lets several
 * builds share a machine. The broker's controller listener always gets a port of its own. A
 * restart reuses the ports of the first start, so clients keep their configuration; a broker
 * started again on an existing data dir reuses the controller port recorded there, because
 * {@code format --standalone} wrote that endpoint into the quorum's metadata.
 *
 * <h2>Data dirs</h2>
 *
 * <pre>
 * &lt;baseDir&gt;/kafka/server.properties   broker configuration (rewritten on each start)
 *                  /log4j2.xml          WARN and above to broker.log
 *                  /kraft-logs/         log dir and metadata log; formatted once
 *                  /broker.log          broker log
 *                  /broker.out          stdout/stderr of the broker and of kafka-storage format
 * &lt;baseDir&gt;/s3/s3proxy.properties     server configuration (rewritten on each start)
 *               /logback.xml           WARN and above to s3proxy.log
 *               /blobs/&lt;bucket&gt;/&lt;key&gt;  the objects (jclouds filesystem backend)
 *               /s3proxy.log           server log
 *               /s3proxy.out           stdout/stderr of the server
 * </pre>
 *
 * <p>Stopping keeps the data; starting on the same dir finds it again. The extension's temp dir
 * is deleted when the test JVM's tests are done. Output files are appended to across restarts.
 * When a server does not come up, the exception names the data dir and quotes the end of both
 * its files.
 *
 * <h2>Processes</h2>
 *
 * <p>The child JVMs run the {@code java} of the current JVM, with classpaths read from {@code
 * deploy/stack/kafka-runtime/target/runtime.classpath} and {@code
 * deploy/stack/s3-runtime/target/runtime.classpath} under the project root ({@link
 * io.configvault.stack.StackRoot}); {@code ./mvnw -DskipTests package} writes them. A shutdown
 * hook stops the children when the starting JVM exits normally; if that JVM is killed, they keep
 * running until stopped by hand. {@code stop()} is SIGTERM (a clean shutdown) and SIGKILL after
 * 30 s; {@code kill()} is SIGKILL at once.
 *
 * <p>Depends on kafka-clients (readiness checks, topic creation), the AWS SDK v2 S3 client with
 * the Apache HTTP client (bucket creation, {@link io.configvault.stack.LocalStack#s3Client()})
 * and the JUnit Jupiter API; on nothing else of ConfigVault.
 */
package io.configvault.stack;
