package io.configvault.vault.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The prune pass's meters (on {@code GET /prometheus} with {@code _total} appended to counters),
 * every tagged counter registered at zero so that an alert on its increase works from the first
 * event:
 * <ul>
 *   <li>{@value #PASSES}{@code {outcome}}: passes by {@link Outcome};</li>
 *   <li>{@value #DELETED}: snapshots deleted (object deleted and row purged);</li>
 *   <li>{@value #BURSTS}: appliances a pass found with a burst of snapshots (one per appliance
 *       and pass);</li>
 *   <li>{@value #DURATION}: how long passes take.</li>
 * </ul>
 * Thread-safe.
 */
public final class RetentionMetrics {

    static final String PASSES = "configvault.retention.passes";
    static final String DELETED = "configvault.retention.snapshots.deleted";
    static final String BURSTS = "configvault.retention.bursts";
    static final String DURATION = "configvault.retention.pass.duration";

    /** How a pass ended. */
    public enum Outcome {
        /** It ran to its end (and may have deleted nothing). */
        OK,
        /** The clock guard refused: nothing was deleted. */
        REFUSED,
        /** The catalog or the store failed; what is not done is left for the next pass. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> passes = new EnumMap<>(Outcome.class);
    private final Counter deleted;
    private final Counter bursts;
    private final Timer duration;

    public RetentionMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            passes.put(outcome, Counter.builder(PASSES)
                    .description("Retention passes by how they ended")
                    .tag("outcome", outcome.tag()).register(registry));
        }
        deleted = Counter.builder(DELETED)
                .description("Snapshots deleted by retention (object deleted, row purged)")
                .register(registry);
        bursts = Counter.builder(BURSTS)
                .description("Appliances a retention pass found with a burst of snapshots")
                .register(registry);
        duration = Timer.builder(DURATION).description("Duration of retention passes")
                .register(registry);
    }

    void passed(Outcome outcome, Duration took) {
        passes.get(outcome).increment();
        duration.record(took);
    }

    void deleted(int count) {
        deleted.increment(count);
    }

    void burst() {
        bursts.increment();
    }
}
