package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One running child JVM whose output goes to a file.
 *
 * <p>The output file is appended to, so that a restart keeps the earlier run's lines. A shutdown
 * hook stops the child when this JVM exits normally; nothing can stop it if this JVM is killed.
 */
public final class ChildJvm {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final String name;
    private final Process process;
    private final Path output;
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.shutdownHook = new Thread(this::stopOnShutdown, "stop-" + name);
    }

    /**
     * Starts {@code java <jvmArgs> -cp <classpath> <mainClass> <args>} in {@code workDir}, with
     * stdout and stderr appended to {@code output}.
     */
    public static ChildJvm launch(
            String name, Path workDir, Path output, List<String> jvmArgs, String classpath,
            String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            ChildJvm child = new ChildJvm(name, builder.start(), output);
            Runtime.getRuntime().addShutdownHook(child.shutdownHook);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's process id (for {@code /proc/<pid>} readings and attaching). */
    public long pid() {
        return process.pid();
    }

    /** Exit code, or -1 while running. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits for the child to exit on its own; returns whether it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot wait for " + name + ": interrupted", e);
        }
        forgetShutdownHook();
        return true;
    }

    /**
     * Polls {@code probe} until it answers {@code true}. If the child exits first, or {@code
     * timeout} passes (the child is then killed), throws {@code failure} applied to the reason.
     */
    public void awaitReady(
            Duration timeout, BooleanSupplier probe, Function<String, RuntimeException> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.getAsBoolean()) {
            if (!process.isAlive()) {
                awaitExit(Duration.ZERO);
                throw failure.apply("the process exited with code " + process.exitValue());
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw failure.apply("the process did not answer within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw failure.apply("interrupted while waiting for the process");
            }
        }
    }

    /** SIGTERM, then SIGKILL if the child has not exited after {@code grace}. */
    public void stop(Duration grace) {
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
        OutputArchive.keep(name, output);
    }

    /** SIGKILL, and wait until the process is gone so that its ports are free again. */
    public void kill() {
        process.destroyForcibly();
        if (!awaitExit(Duration.ofSeconds(30))) {
            throw new IllegalStateException(
                    "Cannot kill " + name + " (pid " + process.pid() + "): still running 30 s after SIGKILL");
        }
        OutputArchive.keep(name, output);
    }

    private void stopOnShutdown() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it finds the process gone and returns.
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
