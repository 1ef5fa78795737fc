package io.configvault.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypts and decrypts 64 MiB through streams in a JVM whose whole heap is 32 MiB: if either
 * direction held the message (or a fraction of it that grows with its size) in memory, the
 * child would die with an OutOfMemoryError. No timing is asserted.
 */
class OpenPgpBoundedMemoryTest {

    private static final long SIZE = 64L * 1024 * 1024;

    @Test
    void sixtyFourMiBRoundTripInAThirtyTwoMiBHeap(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("child.out");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", testClassPath(),
                StreamingRoundTrip.class.getName(), Long.toString(SIZE), dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);

        assertThat(finished).as("finished in 5 minutes; output: %s", lines).isTrue();
        assertThat(child.exitValue()).as("exit code; output: %s", lines).isZero();
        String expected = value(lines, "plaintext-sha256 ");
        assertThat(value(lines, "decrypted-sha256 ")).isEqualTo(expected).hasSize(64);
        assertThat(value(lines, "decrypted-bytes ")).isEqualTo(Long.toString(SIZE));
    }

    /** Surefire names the real class path here; java.class.path may be its manifest-only jar. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + lines));
    }
}
