package io.configvault.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.StackRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CONFIGVAULT_LOG_FORMAT} in real service processes: {@code json} makes every line of
 * standard output one JSON object; a value Logback has no appender for stops the service with
 * the reason instead of a silent process that logs nothing.
 */
class LogFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Exit(int code, String stdout, String stderr) {
    }

    @Test
    void anUnknownFormatStopsBothServicesWithTheReason(@TempDir Path dir) throws Exception {
        Exit vault = run(dir, "vault-service", "io.configvault.vault.Application", "yaml");
        Exit agent = run(dir, "capture-service", "io.configvault.capture.Application", "yaml");

        assertThat(vault.code()).isEqualTo(2);
        assertThat(vault.stderr()).contains("Cannot start vault: CONFIGVAULT_LOG_FORMAT is"
                + " \"yaml\"; it must be text (the default) or json");
        assertThat(agent.code()).isEqualTo(2);
        assertThat(agent.stderr()).contains("Cannot start capture: CONFIGVAULT_LOG_FORMAT is"
                + " \"yaml\"; it must be text (the default) or json");
    }

    @Test
    void jsonMakesEveryLineOfARealAgentOneObject(@TempDir Path dir) throws Exception {
        // No settings: the agent stops at once with its configuration error, in JSON.
        Exit agent = run(dir, "capture-service", "io.configvault.capture.Application", "json");

        assertThat(agent.code()).isEqualTo(2);
        List<String> lines = agent.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode object = JSON.readTree(line);
            assertThat(object.isObject()).as(line).isTrue();
            assertThat(object.path("level").asText()).as(line).isNotEmpty();
            assertThat(object.path("timestamp").asLong()).as(line).isPositive();
        }
        assertThat(lines).anySatisfy(line -> {
            JsonNode object = JSON.readTree(line);
            assertThat(object.path("level").asText()).isEqualTo("ERROR");
            assertThat(object.path("formattedMessage").asText())
                    .startsWith("Cannot start capture:");
        });
    }

    private static Exit run(Path dir, String module, String main, String format)
            throws IOException, InterruptedException {
        Path home = StackRoot.locate().dir().resolve(module);
        String classpath = home.resolve("target/classes") + File.pathSeparator
                + Files.readString(home.resolve("target/runtime.classpath")).strip();
        Path out = dir.resolve(module + ".out");
        Path err = dir.resolve(module + ".err");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-cp", classpath, main)
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CAPTURE_")
                || name.startsWith("VAULT_") || name.startsWith("MICRONAUT_"));
        builder.environment().put("CONFIGVAULT_LOG_FORMAT", format);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(module + " did not stop within 60 s: " + Files.readString(out));
        }
        return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
