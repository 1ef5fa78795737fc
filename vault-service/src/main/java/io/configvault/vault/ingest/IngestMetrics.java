package io.configvault.vault.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest's meters (on {@code GET /prometheus} with {@code _total} appended to counters):
 * <ul>
 *   <li>{@code configvault.ingest.snapshots.stored}: snapshots stored (object and row);</li>
 *   <li>{@code configvault.ingest.snapshots.duplicate}: redeliveries of a stored snapshot;</li>
 *   <li>{@code configvault.ingest.quarantined{category}}: events quarantined, tagged with a
 *       {@link RefusalCategory} — a fixed set, never free text;</li>
 *   <li>{@code configvault.ingest.alarms{alarm}}: content that differs from what is stored under
 *       the same name ({@link Alarm}); every one needs an operator;</li>
 *   <li>{@code configvault.ingest.partitions.paused}: partitions paused by a transient
 *       failure;</li>
 *   <li>{@value #LAG}{@code {partition}}: records of the snapshot topic not yet read, per
 *       partition this instance consumes (from the consumer's last fetch; no broker call). A
 *       partition's series exists while it is assigned here, so their number is bounded by the
 *       topic's partition count;</li>
 *   <li>{@value #LATENCY}{@code {since}}: a Prometheus histogram of how long a stored snapshot
 *       took, {@code since="capture"} from the appliance's capture time (its clock, so skew adds
 *       in; a negative figure is dropped) and {@code since="first-segment"} from the arrival of
 *       its first segment at this vault, both until its catalog row.</li>
 * </ul>
 * Every tagged counter is registered up front at zero, so an alert rule sees the series before
 * the first event. Thread-safe.
 */
public final class IngestMetrics {

    static final String LAG = "configvault.ingest.consumer.lag";
    static final String LATENCY = "configvault.ingest.latency";

    /** The histogram buckets of {@value #LATENCY}: one second to two days. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
        Duration.ofDays(2)};

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
    private final MeterRegistry registry;
    private final Map<Integer, Lag> lags = new ConcurrentHashMap<>();
    private final Timer sinceCapture;
    private final Timer sinceFirstSegment;

    /** A partition's lag gauge and the bits of the double it reads (NaN while unknown). */
    private record Lag(Gauge gauge, AtomicLong bits) {
    }

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        sinceCapture = latency(registry, "capture");
        sinceFirstSegment = latency(registry, "first-segment");
    }

    private static Timer latency(MeterRegistry registry, String since) {
        return Timer.builder(LATENCY)
                .description("Time until a snapshot is stored, since its capture or since its"
                        + " first segment arrived")
                .tag("since", since).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /**
     * A snapshot was stored.
     *
     * @param sinceCapture      from its capture time (the appliance's clock) to its row
     * @param sinceFirstSegment from the arrival of its first segment to its row
     */
    void stored(Duration sinceCapture, Duration sinceFirstSegment) {
        stored.increment();
        this.sinceCapture.record(sinceCapture);
        this.sinceFirstSegment.record(sinceFirstSegment);
    }

    /** The lag of an assigned partition; empty when the consumer does not know it yet. */
    void lag(int partition, OptionalLong lag) {
        Lag meter = lags.computeIfAbsent(partition, p -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge gauge = Gauge.builder(LAG, bits, b -> Double.longBitsToDouble(b.get()))
                    .description("Records of the snapshot topic not yet read, per partition")
                    .tag("partition", Integer.toString(p)).strongReference(true)
                    .register(registry);
            return new Lag(gauge, bits);
        });
        meter.bits().set(Double.doubleToLongBits(lag.isPresent() ? lag.getAsLong() : Double.NaN));
    }

    /** The partition is no longer consumed here: its lag series goes. */
    void unassigned(int partition) {
        Lag meter = lags.remove(partition);
        if (meter != null) {
            registry.remove(meter.gauge());
        }
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
