package io.configvault.capture.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

/**
 * {@code configvault.snapshot.restorable}: 1 when the latest snapshot holds every required
 * source, 0 when it lacks one (the reason is in the status and the log), NaN before the first
 * capture since the agent started. Alert on 0: such snapshots cannot rebuild a new device.
 */
@Singleton
final class RestorabilityMetrics implements MeterBinder {

    private final AgentStatus status;

    RestorabilityMetrics(AgentStatus status) {
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("configvault.snapshot.restorable", status,
                        s -> s.restorability().map(r -> r.restorable() ? 1.0 : 0.0)
                                .orElse(Double.NaN))
                .description("Whether the latest snapshot holds every required source")
                .register(registry);
    }
}
