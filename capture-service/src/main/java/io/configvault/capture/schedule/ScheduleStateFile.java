package io.configvault.capture.schedule;

import io.configvault.shared.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ScheduleState} in a small text file ({@code <data-dir>/schedule.state}), one
 * {@code key=value} per line:
 *
 * <pre>
 * format=1
 * handled-through=2025-03-30T01:52:07.114Z
 * last-run=2025-03-30T01:52:03.001Z
 * </pre>
 *
 * Written to {@code schedule.state.tmp} in the same directory, fsynced, renamed over the old
 * one and the directory fsynced, so that after a crash or power cut the file holds either the
 * old or the new state, never a mix. Not thread-safe: one writer.
 */
public final class ScheduleStateFile {

    /** The file's name inside the data directory. */
    public static final String NAME = "schedule.state";

    private static final String FORMAT = "format";
    private static final String HANDLED_THROUGH = "handled-through";
    private static final String LAST_RUN = "last-run";

    private final Path file;

    public ScheduleStateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /**
     * The stored state; empty if the agent never stored one (first start).
     *
     * @throws IOException if the file exists but cannot be read or is not a state file of this
     *                     format; the message says why
     */
    public Optional<ScheduleState> load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("Cannot read schedule state " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String key = equals < 0 ? line : line.substring(0, equals);
            boolean known = key.equals(FORMAT) || key.equals(HANDLED_THROUGH)
                    || key.equals(LAST_RUN);
            if (equals < 0 || !known || values.put(key, line.substring(equals + 1)) != null) {
                throw new IOException("Cannot read schedule state " + file + ": unexpected line '"
                        + printable(line) + "'");
            }
        }
        if (!"1".equals(values.get(FORMAT))) {
            throw new IOException("Cannot read schedule state " + file + ": format is not 1");
        }
        Instant handledThrough = instant(values.get(HANDLED_THROUGH), HANDLED_THROUGH);
        if (handledThrough == null) {
            throw new IOException("Cannot read schedule state " + file + ": "
                    + HANDLED_THROUGH + " is missing");
        }
        return Optional.of(new ScheduleState(handledThrough,
                instant(values.get(LAST_RUN), LAST_RUN)));
    }

    /** Replaces the stored state durably (atomic rename, fsynced). */
    public void save(ScheduleState state) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# ConfigVault capture agent: schedule state. Written by the agent.\n")
                .append(FORMAT).append("=1\n")
                .append(HANDLED_THROUGH).append('=').append(state.handledThrough()).append('\n');
        state.lastRunTime().ifPresent(at -> text.append(LAST_RUN).append('=').append(at)
                .append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // One writer, so a fixed name: a leftover of a crash is simply overwritten.
        Path temporary = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            DurableFiles.fsync(temporary);
            DurableFiles.atomicMove(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private Instant instant(String value, String key) throws IOException {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeException e) {
            throw new IOException("Cannot read schedule state " + file + ": " + key + " '"
                    + printable(value) + "' is not an ISO-8601 instant", e);
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
