package io.configvault.capture.source;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard output of a command, e.g. {@code mysqldump --single-transaction}, as one entry
 * (mode 0600, no modification time).
 *
 * <p>Rules: the command is an argument list run without a shell (operators who want one write
 * {@code [/bin/sh, -c, "..."]}); a program without '/' is looked up on the agent's PATH. It does
 * not inherit the agent's environment, which may hold the key passphrase: it gets PATH, HOME,
 * LANG and TZ from the agent and the configured variables. Standard input is empty. Standard
 * output is streamed into the staged file (digested on the way, never held in memory) and
 * standard error into a 2 KiB ring that keeps its tail. The entry counts only if the command
 * exits with 0 within its timeout; otherwise, or when the output outgrows the snapshot size
 * limit, the command and the processes it started are killed and the snapshot fails with the
 * exit code (or the timeout) and the tail of standard error, so no snapshot ever holds a
 * half-written dump. Messages name the program, never its arguments.
 */
public final class CommandSource implements SnapshotSource {

    /** How much of the end of standard error an error message quotes. */
    public static final int STDERR_TAIL_BYTES = 2048;

    /** How long the pipes may stay open after the command was killed. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    /** Variables passed on from the agent's environment (none of them secret). */
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "TZ");

    /** The OS error in the JDK's "cannot run program" message (two spellings). */
    private static final Pattern RUN_FAILURE =
            Pattern.compile("error[=:] ?\\d+(?:, ([^()]+)$| \\(([^()]+)\\))");

    /**
     * What to run.
     *
     * @param arguments        program and arguments, at least the program
     * @param timeout          how long it may run
     * @param environment      variables set for it (on top of the inherited ones)
     * @param workingDirectory where it runs; null for the agent's working directory
     */
    public record Command(List<String> arguments, Duration timeout,
                          Map<String, String> environment, Path workingDirectory) {

        public Command {
            arguments = List.copyOf(arguments);
            if (arguments.isEmpty() || arguments.getFirst().isBlank()) {
                throw new IllegalArgumentException("A command needs a program");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("A command needs a positive timeout");
            }
            environment = Map.copyOf(environment);
        }

        /** The program as configured, for messages (arguments may hold secrets). */
        public String program() {
            return arguments.getFirst();
        }
    }

    private final SourceSpec spec;
    private final Command command;

    public CommandSource(SourceSpec spec, Command command) {
        if (spec.kind() != SourceKind.COMMAND) {
            throw new IllegalArgumentException("Not a command source: " + spec.describe());
        }
        this.spec = spec;
        this.command = Objects.requireNonNull(command, "command");
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    public Command command() {
        return command;
    }

    @Override
    public List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException {
        Path target = dir.resolve("stdout");
        Process process = start();
        long deadline = System.nanoTime() + command.timeout().toNanos();
        StreamTail stderr = StreamTail.start(process.getErrorStream(), STDERR_TAIL_BYTES,
                "capture-command-stderr");
        OutputCopy stdout = OutputCopy.start(process.getInputStream(), target, maxBytes);
        try {
            boolean finished = stdout.await(remaining(deadline));
            if (finished && stdout.overLimit()) {
                kill(process, stdout, stderr);
                throw SourceException.tooLarge(spec, "the output of command '"
                        + command.program() + "' grew past the " + maxBytes + " bytes left within"
                        + " capture.max-snapshot-bytes; it was killed");
            }
            if (finished && stdout.failure() != null) {
                kill(process, stdout, stderr);
                throw SourceException.of(spec, "cannot stage the output of command '"
                        + command.program() + "' (" + SourceFiles.reason(stdout.failure())
                        + "); it was killed", stdout.failure());
            }
            finished = finished && process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
            if (!finished) {
                kill(process, stdout, stderr);
                throw SourceException.of(spec, "command '" + command.program() + "' timed out"
                        + " after " + human(command.timeout()) + "; it and the processes it"
                        + " started were killed; " + stderr.describe("its standard error"));
            }
            stderr.await(AFTER_KILL.toNanos());
            if (process.exitValue() != 0) {
                throw SourceException.of(spec, "command '" + command.program() + "' exited with"
                        + " code " + process.exitValue() + "; "
                        + stderr.describe("its standard error"));
            }
        } catch (InterruptedException e) {
            kill(process, stdout, stderr);
            Thread.currentThread().interrupt();
            throw SourceException.of(spec, "interrupted while command '" + command.program()
                    + "' ran; it was killed", e);
        }
        return List.of(new StagedEntry(new ManifestEntry(spec.name(), SourceKind.COMMAND,
                stdout.bytes(), stdout.sha256(), 0600, null, spec.sensitive()), target));
    }

    private Process start() throws SourceException {
        ProcessBuilder builder = new ProcessBuilder(command.arguments());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putAll(command.environment());
        if (command.workingDirectory() != null) {
            builder.directory(command.workingDirectory().toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot run command '" + command.program() + "' ("
                    + runFailure(e) + ")", e);
        }
    }

    /**
     * Kills the command and every process it started that is still its descendant (a process
     * that detached itself from the tree is out of reach; its pipe is then abandoned), then
     * waits a little for the pipes to close.
     */
    private static void kill(Process process, OutputCopy stdout, StreamTail stderr) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        stdout.cancel();
        try {
            process.waitFor(AFTER_KILL.toSeconds(), TimeUnit.SECONDS);
            stdout.await(AFTER_KILL.toNanos());
            stderr.await(AFTER_KILL.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** "5m", "1m30s", "500ms": the way the setting is written. */
    static String human(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static String runFailure(IOException e) {
        // The JDK says "Cannot run program "x": error=2, No such file or directory" or, with
        // posix_spawn, "... Exec failed, error: 2 (No such file or directory)".
        Matcher matcher = RUN_FAILURE.matcher(String.valueOf(e.getMessage()));
        if (matcher.find()) {
            return (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).strip();
        }
        return e.getClass().getSimpleName();
    }
}
