package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule's state file: round trip, atomic replacement, strict reading. */
class ScheduleStateFileTest {

    private static final Instant HANDLED = Instant.parse("2025-03-30T01:52:07.114Z");
    private static final Instant RUN = Instant.parse("2025-03-30T01:52:03.001Z");

    @TempDir
    Path dir;

    @Test
    void noFileMeansTheAgentNeverRan() throws IOException {
        assertThat(new ScheduleStateFile(dir.resolve("schedule.state")).load()).isEmpty();
    }

    @Test
    void savedStateIsLoadedBackAndReplacedWholeWithoutLeftovers() throws IOException {
        ScheduleStateFile file = new ScheduleStateFile(dir.resolve("data/schedule.state"));

        file.save(new ScheduleState(HANDLED, null));
        assertThat(file.load()).contains(new ScheduleState(HANDLED, null));
        file.save(new ScheduleState(HANDLED.plusSeconds(60), RUN));
        assertThat(file.load()).contains(new ScheduleState(HANDLED.plusSeconds(60), RUN));

        assertThat(Files.readString(file.path())).isEqualTo("""
                # ConfigVault capture agent: schedule state. Written by the agent.
                format=1
                handled-through=2025-03-30T01:53:07.114Z
                last-run=2025-03-30T01:52:03.001Z
                """);
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files).as("no temporary file left").containsExactly(file.path());
        }
    }

    @Test
    void aLeftoverTemporaryFileOfACrashIsOverwritten() throws IOException {
        ScheduleStateFile file = new ScheduleStateFile(dir.resolve("schedule.state"));
        Files.writeString(dir.resolve("schedule.state.tmp"), "half-writ");

        file.save(new ScheduleState(HANDLED, RUN));

        assertThat(file.load()).contains(new ScheduleState(HANDLED, RUN));
        assertThat(dir.resolve("schedule.state.tmp")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAStateFileIsRefusedWithTheReason() throws IOException {
        Path path = dir.resolve("schedule.state");
        ScheduleStateFile file = new ScheduleStateFile(path);

        Files.writeString(path, "garbage\n");
        assertThatThrownBy(file::load).isInstanceOf(IOException.class)
                .hasMessage("Cannot read schedule state " + path + ": unexpected line 'garbage'");

        Files.writeString(path, "format=2\nhandled-through=2025-03-30T01:52:07Z\n");
        assertThatThrownBy(file::load).hasMessage("Cannot read schedule state " + path
                + ": format is not 1");

        Files.writeString(path, "format=1\nhandled-through=yesterday\n");
        assertThatThrownBy(file::load).hasMessage("Cannot read schedule state " + path
                + ": handled-through 'yesterday' is not an ISO-8601 instant");

        Files.writeString(path, "format=1\nlast-run=2025-03-30T01:52:07Z\n");
        assertThatThrownBy(file::load).hasMessage("Cannot read schedule state " + path
                + ": handled-through is missing");

        Files.writeString(path, "format=1\nhandled-through=2025-03-30T01:52:07Z\n"
                + "handled-through=2025-03-31T01:52:07Z\n");
        assertThatThrownBy(file::load).hasMessage("Cannot read schedule state " + path
                + ": unexpected line 'handled-through=2025-03-31T01:52:07Z'");

        Files.writeString(path, "");
        assertThatThrownBy(file::load).as("a truncated file").hasMessage(
                "Cannot read schedule state " + path + ": format is not 1");
    }
}
