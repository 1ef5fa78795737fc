package io.configvault.capture.trigger;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of all change probes per {@link #poll()}, debounced into CHANGE snapshots. The
 * capture runs on the polling thread: changes made while it runs are seen by the next poll and
 * start the next burst, so none is lost. Not thread-safe: call from one thread.
 */
public final class ChangeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);

    private final List<ChangeProbe> probes;
    private final Debouncer debouncer;
    private final Clock clock;
    private final SnapshotCapture capture;
    private final Set<String> failing = new HashSet<>();

    public ChangeWatcher(List<ChangeProbe> probes, Duration quietPeriod, Duration maxDelay,
                         Clock clock, SnapshotCapture capture) {
        this.probes = List.copyOf(probes);
        this.debouncer = new Debouncer(quietPeriod, maxDelay);
        this.clock = clock;
        this.capture = capture;
    }

    /** Checks every source once and takes a snapshot when a burst of changes is due. */
    public void poll() {
        if (anyChanged()) {
            debouncer.changed(clock.instant());
        }
        if (debouncer.due(clock.instant())) {
            debouncer.reset();
            try {
                capture.capture(Trigger.CHANGE, null);
            } catch (CaptureException e) {
                // The pipeline has recorded it in the agent status; the next change tries again.
                LOG.error("{}", e.getMessage());
            }
        }
    }

    /** True while changes have been seen that are not captured yet. */
    public boolean pending() {
        return debouncer.pending();
    }

    private boolean anyChanged() {
        boolean changed = false;
        for (ChangeProbe probe : probes) {
            try {
                changed |= probe.changed();
                if (failing.remove(probe.name())) {
                    LOG.info("Source '{}' can be checked for changes again", probe.name());
                }
            } catch (IOException e) {
                if (failing.add(probe.name())) {
                    LOG.warn("Cannot check source '{}' for changes: {}", probe.name(),
                            e.getMessage());
                }
            }
        }
        return changed;
    }

    @Override
    public void close() {
        probes.forEach(ChangeProbe::close);
    }
}
