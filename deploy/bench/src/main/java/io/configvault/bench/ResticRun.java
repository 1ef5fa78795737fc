package io.configvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs restic commands one after the other, as a user's script would, each process's output
 * appended to one log file. A command that fails stops the run with its exit code and the log's
 * tail.
 */
final class ResticRun {

    private final ResticCommand restic;
    private final Path log;

    ResticRun(ResticCommand restic, Path log) {
        this.restic = restic;
        this.log = log;
    }

    ResticCommand commands() {
        return restic;
    }

    /** Runs {@code command}; returns its output when {@code capture}, else an empty string. */
    String run(List<String> command, boolean capture) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(!capture);
        builder.environment().putAll(restic.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (capture) {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        Process process = builder.start();
        String output = capture ? new String(process.getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8) : "";
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException("restic " + command.get(3) + " failed with exit code "
                    + code + "; its output is in " + log + ": " + tail());
        }
        return output;
    }

    private String tail() throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
