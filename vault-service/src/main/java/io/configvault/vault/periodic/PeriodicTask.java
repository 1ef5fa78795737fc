package io.configvault.vault.periodic;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task every {@code interval} on one named daemon thread, the first run one interval after
 * it starts (a restart loop does not turn into a storm of runs). Fixed delay: a slow run delays
 * the next one, never overlaps it. A run that throws is logged and the next one goes on (an
 * exception escaping a scheduled task would cancel every later run).
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService executor;

    private PeriodicTask(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @param name the thread's name, also in the log line of a failed run
     */
    public static PeriodicTask start(String name, Duration interval, Runnable task) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon().factory());
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("{}: run failed; the next run goes on", name, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new PeriodicTask(executor);
    }

    /** Stops the thread, interrupting a run in progress and waiting up to 15 s for it. */
    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(15, TimeUnit.SECONDS);
    }
}
