package io.configvault.capture.status;

import io.configvault.shared.snapshot.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's pipeline meters (on {@code GET /prometheus}, {@code _total} appended to counters,
 * timers as Prometheus histograms in seconds), every tagged counter registered at zero:
 * <ul>
 *   <li>{@value #CAPTURED}{@code {trigger}}: snapshots captured into the outbox (a heartbeat for
 *       unchanged content is not a snapshot);</li>
 *   <li>{@value #FAILED}{@code {trigger}}: captures that failed (nothing went into the
 *       outbox);</li>
 *   <li>{@value #PUBLISHED}: snapshots the broker acknowledged (all segments);</li>
 *   <li>{@value #CAPTURE_DURATION}: how long a capture takes, from staging the first source to
 *       the outbox;</li>
 *   <li>{@value #PUBLISH_LATENCY}: from a snapshot's capture to the broker's acknowledgement,
 *       which includes any time it waited in the outbox.</li>
 * </ul>
 * Without a meter registry (the restore command runs without metrics) every meter is a no-op.
 * Thread-safe.
 */
@Singleton
public final class CaptureMetrics {

    static final String CAPTURED = "configvault.snapshots.captured";
    static final String FAILED = "configvault.snapshots.failed";
    static final String PUBLISHED = "configvault.snapshots.published";
    static final String CAPTURE_DURATION = "configvault.capture.duration";
    static final String PUBLISH_LATENCY = "configvault.publish.latency";

    private final MeterRegistry registry;
    private final Map<Trigger, Counter> captured = new EnumMap<>(Trigger.class);
    private final Map<Trigger, Counter> failed = new EnumMap<>(Trigger.class);
    private final Counter published;
    private final Timer captureDuration;
    private final Timer publishLatency;

    @Inject
    CaptureMetrics(Optional<MeterRegistry> registry) {
        this(registry.orElseGet(CompositeMeterRegistry::new));
    }

    public CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Trigger trigger : Trigger.values()) {
            String tag = trigger.name().toLowerCase(Locale.ROOT).replace('_', '-');
            captured.put(trigger, Counter.builder(CAPTURED)
                    .description("Snapshots captured into the outbox, by trigger")
                    .tag("trigger", tag).register(registry));
            failed.put(trigger, Counter.builder(FAILED)
                    .description("Captures that failed, by trigger")
                    .tag("trigger", tag).register(registry));
        }
        published = Counter.builder(PUBLISHED)
                .description("Snapshots acknowledged by the broker").register(registry);
        captureDuration = Timer.builder(CAPTURE_DURATION)
                .description("Duration of a capture, from the sources to the outbox")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15))
                .register(registry);
        publishLatency = Timer.builder(PUBLISH_LATENCY)
                .description("From a snapshot's capture to the broker's acknowledgement")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofMinutes(5),
                        Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6),
                        Duration.ofDays(1))
                .register(registry);
    }

    /** Meters that record nothing: for pipelines built outside the application context. */
    public static CaptureMetrics none() {
        return new CaptureMetrics(new CompositeMeterRegistry());
    }

    /** Starts timing a capture, on the registry's monotonic clock. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** A snapshot went into the outbox; {@code started} came from {@link #start}. */
    public void captured(Trigger trigger, Timer.Sample started) {
        captured.get(trigger).increment();
        started.stop(captureDuration);
    }

    /** Unchanged content: a heartbeat went into the outbox instead of a snapshot. */
    public void unchanged(Timer.Sample started) {
        started.stop(captureDuration);
    }

    public void failed(Trigger trigger) {
        failed.get(trigger).increment();
    }

    /** @param sinceCapture from the snapshot's capture time to the acknowledgement */
    public void published(Duration sinceCapture) {
        published.increment();
        publishLatency.record(sinceCapture);
    }
}
