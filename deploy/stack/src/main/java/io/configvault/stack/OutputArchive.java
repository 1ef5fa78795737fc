package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a copy of a child process's output after it stops, for the build's leak check. Tests run
 * services in temporary directories that JUnit deletes when the test ends; when the system
 * property {@value #PROPERTY} names a directory (the build sets it for tests to
 * {@code target/child-output}), {@link #keep} copies an output file there under a unique name,
 * and the leak check (deploy/local {@code SecretLeakIT}) reads it with the rest of the build's
 * output. Without the property (the quickstart, production) it does nothing.
 */
public final class OutputArchive {

    /** The system property naming the archive directory. */
    public static final String PROPERTY = "configvault.output-archive";

    private static final AtomicLong COUNTER = new AtomicLong();

    private OutputArchive() {
    }

    /** Copies {@code output} into the archive as {@code <name>-<n>.log}, if there is one. */
    public static void keep(String name, Path output) {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank() || !Files.isRegularFile(output)) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(archive));
            String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
            Files.copy(output, dir.resolve(safe + "-" + ProcessHandle.current().pid() + "-"
                    + COUNTER.incrementAndGet() + ".log"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the output of " + name + " in " + archive
                    + " for the leak check: " + e.getMessage(), e);
        }
    }
}
