package io.configvault.stack;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The lifecycle the local servers share: a child JVM that can be stopped (SIGTERM, then SIGKILL
 * after 30 s), killed (SIGKILL, for fault tests) and started again by the same launcher, which
 * returns only once the process answers. Thread-safe.
 */
final class RestartableProcess {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Supplier<ChildJvm> launcher;
    private ChildJvm process;

    RestartableProcess(Supplier<ChildJvm> launcher) {
        this.launcher = launcher;
    }

    /** Starts the process unless it runs; returns once it answers. */
    synchronized void start() {
        if (process == null) {
            process = launcher.get();
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** No-op when stopped. */
    synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** No-op when stopped. */
    synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    synchronized void restart() {
        stop();
        start();
    }
}
