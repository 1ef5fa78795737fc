package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the adapters import their client libraries (STYLE.md): JDBC/sqlite-jdbc only in the
 * SQLite classes, the Kafka client only in {@code capture.publish} and the command topic's
 * consumer, the OpenPGP layer only in {@code capture.seal} and the verifier of signed snapshot
 * requests. Checked on the source files' import lines.
 */
class DependencyRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/configvault/capture");

    private static final Map<String, List<String>> ALLOWED = Map.of(
            "import java.sql.", List.of("source/SqliteSource.java",
                    "source/SqliteConnections.java", "trigger/SqliteChangeProbe.java",
                    "outbox/SqliteOutbox.java", "outbox/OutboxSchema.java",
                    "restore/SqliteFiles.java"),
            "import org.sqlite.", List.of("source/SqliteConnections.java",
                    "outbox/SqliteOutbox.java"),
            "import org.apache.kafka.", List.of("publish/", "command/CommandListener.java"),
            "import io.configvault.shared.crypto.", List.of("seal/",
                    "command/SnapshotRequestHandler.java"),
            "import org.bouncycastle.", List.of());

    @Test
    void clientLibrariesAreImportedOnlyByTheirAdapters() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = SOURCES.relativize(file).toString().replace('\\', '/');
                List<String> imports = Files.readAllLines(file).stream()
                        .filter(line -> line.startsWith("import ")).toList();
                ALLOWED.forEach((prefix, allowed) -> {
                    boolean permitted = allowed.stream().anyMatch(relative::startsWith);
                    if (!permitted) {
                        assertThat(imports).as(relative).noneMatch(line -> line.startsWith(prefix));
                    }
                });
            }
        }
    }
}
