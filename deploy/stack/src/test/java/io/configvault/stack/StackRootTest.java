package io.configvault.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackRootTest {

    @TempDir Path root;

    @Test
    void readsTheRuntimeClasspaths() throws IOException {
        writeClasspath("kafka-runtime", "/repo/kafka.jar:/repo/clients.jar\n");
        writeClasspath("s3-runtime", "/repo/s3proxy.jar\n");

        StackRoot stackRoot = new StackRoot(root);

        assertThat(stackRoot.kafkaClasspath()).isEqualTo("/repo/kafka.jar:/repo/clients.jar");
        assertThat(stackRoot.s3Classpath()).isEqualTo("/repo/s3proxy.jar");
    }

    @Test
    void missingClasspathSaysHowToBuildIt() throws IOException {
        Files.createDirectories(root.resolve("deploy/stack/kafka-runtime"));

        assertThatThrownBy(() -> new StackRoot(root).kafkaClasspath())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start Kafka: "
                        + "deploy/stack/kafka-runtime/target/runtime.classpath is missing; "
                        + "run ./mvnw -DskipTests package first");
        assertThatThrownBy(() -> new StackRoot(root).s3Classpath())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start the S3 server: "
                        + "deploy/stack/s3-runtime/target/runtime.classpath is missing");
    }

    @Test
    void configuredRootMustBeACheckout() {
        String previous = System.setProperty(StackRoot.ROOT_PROPERTY, root.toString());
        try {
            assertThatThrownBy(StackRoot::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot locate the ConfigVault project root: -Dconfigvault.root=" + root
                            + " has no deploy/stack/kafka-runtime directory");
        } finally {
            restore(previous);
        }
    }

    @Test
    void configuredRootWins() throws IOException {
        Files.createDirectories(root.resolve("deploy/stack/kafka-runtime"));
        String previous = System.setProperty(StackRoot.ROOT_PROPERTY, root.toString());
        try {
            assertThat(StackRoot.locate().dir()).isEqualTo(root.toAbsolutePath());
        } finally {
            restore(previous);
        }
    }

    private void writeClasspath(String module, String classpath) throws IOException {
        Path file = root.resolve("deploy/stack").resolve(module).resolve("target/runtime.classpath");
        Files.createDirectories(file.getParent());
        Files.writeString(file, classpath);
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(StackRoot.ROOT_PROPERTY);
        } else {
            System.setProperty(StackRoot.ROOT_PROPERTY, previous);
        }
    }
}
