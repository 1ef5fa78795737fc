package io.configvault.vault.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingest's meters (on {@code GET /prometheus} with {@code _total} appended to counters):
 * <ul>
 *   <li>{@code configvault.ingest.snapshots.stored}: snapshots stored (object and row);</li>
 *   <li>{@code configvault.ingest.snapshots.duplicate}: redeliveries of a stored snapshot;</li>
 *   <li>{@code configvault.ingest.quarantined{category}}: events quarantined, tagged with a
 *       {@link RefusalCategory} — a fixed set, never free text;</li>
 *   <li>{@code configvault.ingest.alarms{alarm}}: content that differs from what is stored under
 *       the same name ({@link Alarm}); every one needs an operator;</li>
 *   <li>{@code configvault.ingest.partitions.paused}: partitions paused by a transient failure.</li>
 * </ul>
 * Every tagged counter is registered up front at zero, so an alert rule sees the series before
 * the first event. Thread-safe.
 */
public final class IngestMetrics {

    /** Alarms: stored content that is not what the vault expects under that name. */
    public enum Alarm {
        /** The create-only PUT answered 412 and the object there is not this snapshot. */
        EXISTING_OBJECT_DIFFERS("existing-object-differs"),
        /** A snapshot id arrived again with another bundle digest than its catalog row. */
        SNAPSHOT_ID_REUSED("snapshot-id-reused");

        private final String tag;

        Alarm(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Counter stored;
    private final Counter duplicates;
    private final Map<RefusalCategory, Counter> quarantined = new EnumMap<>(RefusalCategory.class);
    private final Map<Alarm, Counter> alarms = new EnumMap<>(Alarm.class);
    private final AtomicInteger paused = new AtomicInteger();

    public IngestMetrics(MeterRegistry registry) {
        stored = Counter.builder("configvault.ingest.snapshots.stored")
                .description("Snapshots verified, stored in the bucket and recorded in the catalog")
                .register(registry);
        duplicates = Counter.builder("configvault.ingest.snapshots.duplicate")
                .description("Redelivered snapshots that were already stored (no-ops)")
                .register(registry);
        for (RefusalCategory category : RefusalCategory.values()) {
            quarantined.put(category, Counter.builder("configvault.ingest.quarantined")
                    .description("Events sent to the quarantine topic, by category")
                    .tag("category", category.tag()).register(registry));
        }
        for (Alarm alarm : Alarm.values()) {
            alarms.put(alarm, Counter.builder("configvault.ingest.alarms")
                    .description("Stored content that differs from what the vault expects")
                    .tag("alarm", alarm.tag()).register(registry));
        }
        Gauge.builder("configvault.ingest.partitions.paused", paused, AtomicInteger::get)
                .description("Partitions paused after a transient failure, awaiting retry")
                .register(registry);
    }

    void stored() {
        stored.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void quarantined(RefusalCategory category) {
        quarantined.get(category).increment();
    }

    void alarm(Alarm alarm) {
        alarms.get(alarm).increment();
    }

    void pausedPartitions(int count) {
        paused.set(count);
    }
}
