package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that provides one {@link LocalStack} per test JVM.
 *
 * <p>The stack is started lazily, on the first parameter of type {@link LocalStack} to resolve
 * (test constructors, test methods, {@code @BeforeAll}/{@code @BeforeEach} methods), under a
 * fresh temporary directory on fresh free ports. It lives in the root extension context's store,
 * so every test class of the JVM shares it, and it is stopped and its directory deleted once,
 * when the JVM's tests are done. If it fails to start, every test asking for it fails with the
 * same error instead of trying again.
 *
 * <p>Tests share topics and buckets: use names unique to the test class. A test that stops or
 * kills a server should start its own {@link KafkaBroker} or {@link S3Server} instead.
 *
 * <pre>{@code
 * @ExtendWith(StackExtension.class)
 * class S3BlobStoreIT {
 *   @Test
 *   void storesObjects(LocalStack stack) { ... }
 * }
 * }</pre>
 */
public final class StackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public LocalStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /**
     * The JVM's shared stack, started on first use; for other extensions that build on it.
     */
    public static LocalStack shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class)
                .stack();
    }

    /** The store closes it when the root context closes, once per JVM. */
    private record SharedStack(Path dir, LocalStack stack) implements AutoCloseable {

        static SharedStack start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("configvault-stack-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the local stack: no temp dir", e);
            }
            try {
                return new SharedStack(dir, LocalStack.start(dir));
            } catch (RuntimeException e) {
                // Keep the logs the error message points to; drop the dir only if nothing got started.
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException keep) {
                    // A server got far enough to write logs.
                } catch (IOException other) {
                    e.addSuppressed(other);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            stack.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
