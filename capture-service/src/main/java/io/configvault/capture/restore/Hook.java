package io.configvault.capture.restore;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operator command run around the restore ({@code capture.restore.pre-hook} /
 * {@code post-hook}): executed directly (no shell), its output going to the restore command's
 * own, its standard input closed, killed with all its descendants after the timeout. The
 * arguments are the operator's and are never printed (they may hold anything).
 */
final class Hook {

    private final String name;
    private final List<String> command;
    private final Duration timeout;

    /** @param name "pre-hook" or "post-hook", for messages */
    Hook(String name, List<String> command, Duration timeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    boolean configured() {
        return !command.isEmpty();
    }

    String name() {
        return name;
    }

    /**
     * Runs the command to its end; does nothing when none is configured.
     *
     * @param environment added to the restore command's own environment
     * @throws RestoreException (its exit code is the caller's to choose; here
     *                          {@link ExitCode#ABORTED}) saying how the hook failed
     */
    void run(Map<String, String> environment) throws RestoreException {
        if (!configured()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new RestoreException(ExitCode.ABORTED, "the " + name + " cannot be started ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new RestoreException(ExitCode.ABORTED, "the " + name
                        + " did not finish within " + timeout.toString().substring(2)
                        .toLowerCase(java.util.Locale.ROOT) + " and was killed");
            }
        } catch (IOException e) {
            // Closing its standard input failed: it has already exited; its status tells.
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new RestoreException(ExitCode.ABORTED, "interrupted while the " + name
                    + " was running; it was killed", e);
        }
        int status = waitForExit(process);
        if (status != 0) {
            throw new RestoreException(ExitCode.ABORTED, "the " + name + " exited with status "
                    + status);
        }
    }

    private static int waitForExit(Process process) throws RestoreException {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new RestoreException(ExitCode.ABORTED, "interrupted while waiting for a hook",
                    e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
