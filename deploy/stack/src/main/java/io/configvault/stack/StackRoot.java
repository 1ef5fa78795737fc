package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ConfigVault project root, where the child JVMs' classpaths are found.
 *
 * <p>Looked up in this order: the system property {@code configvault.root} (the failsafe
 * configuration of the parent POM sets it), the environment variable {@code CONFIGVAULT_ROOT},
 * then the first directory at or above {@code user.dir} that contains
 * {@code deploy/stack/kafka-runtime}.
 *
 * <p>The classpaths are written by the {@code kafka-runtime} and {@code s3-runtime} modules at
 * {@code generate-resources}, so any {@code ./mvnw package} (or {@code verify}) of the reactor
 * produces them.
 *
 * @param dir the project root directory (absolute)
 */
public record StackRoot(Path dir) {

    /** The system property naming the project root. */
    public static final String ROOT_PROPERTY = "configvault.root";

    /** The environment variable naming the project root. */
    public static final String ROOT_VARIABLE = "CONFIGVAULT_ROOT";

    private static final Path MARKER = Path.of("deploy", "stack", "kafka-runtime");

    public StackRoot {
        dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Finds the project root.
     *
     * @throws IllegalStateException if no root is configured and none is found above
     *     {@code user.dir}, or if the configured one is not a ConfigVault checkout
     */
    public static StackRoot locate() {
        String configured = System.getProperty(ROOT_PROPERTY);
        String source = "-D" + ROOT_PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ROOT_VARIABLE);
            source = ROOT_VARIABLE;
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir.resolve(MARKER))) {
                throw new IllegalStateException(
                        "Cannot locate the ConfigVault project root: " + source + "=" + configured
                                + " has no " + MARKER + " directory");
            }
            return new StackRoot(dir);
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(MARKER))) {
                return new StackRoot(dir);
            }
        }
        throw new IllegalStateException(
                "Cannot locate the ConfigVault project root: no directory at or above " + start
                        + " contains " + MARKER + "; set -D" + ROOT_PROPERTY + " or " + ROOT_VARIABLE);
    }

    /** The Kafka broker's classpath, {@code :}-separated. */
    String kafkaClasspath() {
        return readClasspath("Kafka", "kafka-runtime");
    }

    /** The s3proxy server's classpath, {@code :}-separated. */
    String s3Classpath() {
        return readClasspath("the S3 server", "s3-runtime");
    }

    private String readClasspath(String what, String module) {
        Path relative = Path.of("deploy", "stack", module, "target", "runtime.classpath");
        Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "Cannot start " + what + ": " + relative + " is missing; run ./mvnw -DskipTests package"
                            + " first (project root " + dir + ")");
        }
        try {
            String classpath = Files.readString(file).strip();
            if (classpath.isEmpty()) {
                throw new IllegalStateException("Cannot start " + what + ": " + file + " is empty");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + what + ": cannot read " + file, e);
        }
    }
}
