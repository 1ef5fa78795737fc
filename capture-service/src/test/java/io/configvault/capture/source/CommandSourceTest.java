package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.Fixtures;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSourceTest {

    private static final String DUMP = "-- MariaDB dump 10.19\nCREATE TABLE `users` (id int);\n"
            + "INSERT INTO `users` VALUES (1);\n";

    @TempDir
    Path dir;

    private Path staging;

    @BeforeEach
    void setUp() throws Exception {
        staging = Files.createDirectories(dir.resolve("staging"));
    }

    @Test
    void capturesTheStandardOutputOfASuccessfulCommand() throws Exception {
        Path mysqldump = Fixtures.script(dir.resolve("bin/mysqldump"), "printf '%s' \""
                + DUMP.replace("`", "\\`") + "\"\necho 'progress: done' >&2\n");

        List<StagedEntry> staged = source(command(mysqldump)).stageEntries(staging,
                Long.MAX_VALUE);

        assertThat(staged).hasSize(1);
        assertThat(staged.getFirst().content()).hasContent(DUMP);
        assertThat(staged.getFirst().entry()).isEqualTo(new ManifestEntry("passbolt.sql",
                SourceKind.COMMAND, DUMP.length(), Sha256.of(DUMP.getBytes()), 0600, null,
                true));
    }

    @Test
    void runsWithoutTheAgentsEnvironmentAndInItsWorkingDirectory() throws Exception {
        Path script = Fixtures.script(dir.resolve("bin/show-env"), "pwd\nenv\n");
        Path work = Files.createDirectories(dir.resolve("work"));

        List<StagedEntry> staged = source(new CommandSource.Command(List.of(script.toString()),
                Duration.ofSeconds(30), Map.of("DUMP_LABEL", "nightly"), work))
                .stageEntries(staging, Long.MAX_VALUE);

        List<String> lines = Files.readAllLines(staged.getFirst().content());
        assertThat(lines.getFirst()).isEqualTo(work.toString());
        assertThat(lines).contains("DUMP_LABEL=nightly")
                .anyMatch(line -> line.startsWith("PATH="));
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.split("=")[0])
                .isSubsetOf(Set.of("PATH", "HOME", "LANG", "TZ", "DUMP_LABEL", "PWD", "SHLVL",
                        "OLDPWD", "_"));
    }

    @Test
    void aFailingCommandFailsWithItsExitCodeAndTheTailOfItsStandardError() throws Exception {
        StringBuilder stderr = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            stderr.append("warning: noise line ").append(i).append('\n');
        }
        stderr.append("mysqldump: Got error: 1045: Access denied for user 'passbolt'@'localhost'"
                + " (using password: YES) when trying to connect\n");
        Path errors = Files.writeString(dir.resolve("stderr.txt"), stderr);
        Path mysqldump = Fixtures.script(dir.resolve("bin/mysqldump"),
                "echo '-- partial dump'\ncat '" + errors + "' >&2\nexit 3\n");

        assertThatThrownBy(() -> source(command(mysqldump)).stageEntries(staging,
                Long.MAX_VALUE))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.missing()).isFalse();
                    assertThat(e.tooLarge()).isFalse();
                })
                .hasMessage("Cannot stage source 'passbolt.sql': command '" + mysqldump
                        + "' exited with code 3; its standard error ends with: "
                        + tail(stderr.toString()));
    }

    @Test
    void aHangingCommandIsKilledWithTheProcessesItStartedWhenItTimesOut() throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        Path hanging = Fixtures.script(dir.resolve("bin/hanging-dump"),
                "echo started >&2\nsleep 600 &\necho $! > '" + pidFile + "'\nwait\n");

        assertThatThrownBy(() -> source(new CommandSource.Command(List.of(hanging.toString()),
                Duration.ofMillis(700), Map.of(), null)).stageEntries(staging, Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt.sql': command '" + hanging + "' timed"
                        + " out after 700ms; it and the processes it started were killed; its"
                        + " standard error ends with: started");

        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> !running(sleeper));
    }

    @Test
    void outputBeyondTheBudgetKillsTheCommand() throws Exception {
        Path big = Fixtures.script(dir.resolve("bin/big-dump"),
                "head -c 1000000 /dev/zero\nsleep 600\n");

        assertThatThrownBy(() -> source(command(big)).stageEntries(staging, 50_000))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.tooLarge()).isTrue())
                .hasMessage("Cannot stage source 'passbolt.sql': the output of command '" + big
                        + "' grew past the 50000 bytes left within capture.max-snapshot-bytes;"
                        + " it was killed");
    }

    @Test
    void aFloodOnStandardErrorCostsOnlyItsTail() throws Exception {
        Path flood = Fixtures.script(dir.resolve("bin/flood"),
                "head -c 20000000 /dev/zero | tr '\\0' 'e' >&2\nexit 1\n");

        assertThatThrownBy(() -> source(command(flood)).stageEntries(staging, Long.MAX_VALUE))
                .hasMessage("Cannot stage source 'passbolt.sql': command '" + flood + "' exited"
                        + " with code 1; its standard error ends with: …" + "e".repeat(2048));
    }

    @Test
    void aMissingProgramIsAClearError() {
        assertThatThrownBy(() -> source(command(dir.resolve("nope/mysqldump")))
                .stageEntries(staging, Long.MAX_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessage("Cannot stage source 'passbolt.sql': cannot run command '"
                        + dir.resolve("nope/mysqldump") + "' (No such file or directory)");
    }

    @Test
    void anEmptyStandardErrorIsSaidSo() throws Exception {
        Path failing = Fixtures.script(dir.resolve("bin/false"), "exit 2\n");

        assertThatThrownBy(() -> source(command(failing)).stageEntries(staging, Long.MAX_VALUE))
                .hasMessage("Cannot stage source 'passbolt.sql': command '" + failing
                        + "' exited with code 2; its standard error was empty");
    }

    @Test
    void durationsAreWrittenTheWayTheSettingIs() {
        assertThat(CommandSource.human(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(CommandSource.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(CommandSource.human(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    /** What the message quotes: the last 2 KiB, one line, marked as cut. */
    private static String tail(String stderr) {
        byte[] bytes = stderr.getBytes(StandardCharsets.UTF_8);
        byte[] last = Arrays.copyOfRange(bytes, bytes.length - CommandSource.STDERR_TAIL_BYTES,
                bytes.length);
        return "…" + new String(last, StandardCharsets.UTF_8).strip().replace("\n", " | ");
    }

    /** Alive and not a zombie waiting for a parent that was killed too. */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line;
        try {
            line = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
    }

    private static CommandSource.Command command(Path program) {
        return new CommandSource.Command(List.of(program.toString(), "--single-transaction",
                "passbolt"), Duration.ofSeconds(30), Map.of(), null);
    }

    private static CommandSource source(CommandSource.Command command) {
        return new CommandSource(new SourceSpec("passbolt.sql", SourceKind.COMMAND, null, true),
                command);
    }
}
