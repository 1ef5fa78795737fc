package io.configvault.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion and returns what it printed; a failure names the command. */
final class Shell {

    private Shell() {
    }

    record Result(int exitCode, String output) {
    }

    /** Runs {@code command}, stdout and stderr merged, for at most {@code timeoutSeconds}. */
    static Result run(List<String> command, long timeoutSeconds) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out after " + timeoutSeconds + " s: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while running " + command, e);
        }
    }

    /** Runs {@code command} and fails unless it exits 0. */
    static String check(List<String> command, long timeoutSeconds) throws IOException {
        Result result = run(command, timeoutSeconds);
        if (result.exitCode() != 0) {
            throw new IOException(command + " exited with " + result.exitCode() + ":\n"
                    + result.output());
        }
        return result.output();
    }
}
