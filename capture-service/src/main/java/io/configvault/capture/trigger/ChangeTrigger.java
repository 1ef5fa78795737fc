package io.configvault.capture.trigger;

import io.configvault.capture.config.ChangeProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.source.ConfiguredSources;
import io.configvault.capture.source.DirectorySource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SqliteSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ChangeWatcher} every {@code capture.change.poll-interval} on a thread of its
 * own, from the end of startup to shutdown.
 */
@Context
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class ChangeTrigger
        implements ApplicationEventListener<StartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrigger.class);

    private final ChangeWatcher watcher;
    private final ChangeProperties change;
    private final int probes;
    private final ScheduledExecutorService executor;

    public ChangeTrigger(ConfiguredSources sources, ChangeProperties change, Clock clock,
                         SnapshotCapture capture) {
        List<ChangeProbe> probes = sources.watched().stream().map(ChangeTrigger::probe).toList();
        this.watcher = new ChangeWatcher(probes, change.quietPeriod(), change.maxDelay(), clock,
                capture);
        this.change = change;
        this.probes = probes.size();
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("capture-change-watch").daemon().factory());
    }

    /** Starts watching once the whole application has started (and its settings passed). */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        long interval = change.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::poll, 0, Math.max(1, interval),
                TimeUnit.MILLISECONDS);
        LOG.info("Watching {} source(s) for changes every {} (quiet period {}, max delay {})",
                probes, change.pollInterval(), change.quietPeriod(), change.maxDelay());
    }

    static ChangeProbe probe(SnapshotSource source) {
        return switch (source) {
            case SqliteSource sqlite -> new SqliteChangeProbe(sqlite.spec());
            case DirectorySource directory -> new DirectoryChangeProbe(directory.spec(),
                    directory.tree());
            default -> new FileChangeProbe(source.spec());
        };
    }

    private void poll() {
        try {
            watcher.poll();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep watching.
            LOG.error("Change watch failed; it continues with the next poll", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        // Let a capture in progress finish: interrupting it would only waste it.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The change watch did not stop within 30 s; interrupting it");
                executor.shutdownNow();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        watcher.close();
    }
}
