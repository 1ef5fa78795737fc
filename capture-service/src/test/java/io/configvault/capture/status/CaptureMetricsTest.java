package io.configvault.capture.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.Trigger;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CaptureMetricsTest {

    final MockClock clock = new MockClock();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);
    final CaptureMetrics metrics = new CaptureMetrics(registry);

    @Test
    void everyTriggersCountersExistAtZeroBeforeTheFirstCapture() {
        String scrape = registry.scrape();

        for (String trigger : new String[] {"change", "schedule", "catch-up", "manual",
                "pre-restore"}) {
            assertThat(scrape)
                    .contains("configvault_snapshots_captured_total{trigger=\"" + trigger
                            + "\"} 0.0")
                    .contains("configvault_snapshots_failed_total{trigger=\"" + trigger
                            + "\"} 0.0");
        }
        assertThat(scrape).contains("configvault_snapshots_published_total 0.0");
    }

    @Test
    void aCaptureIsTimedOnTheRegistrysClockIntoHistogramBuckets() {
        Timer.Sample started = metrics.start();
        clock.add(Duration.ofSeconds(3));

        metrics.captured(Trigger.SCHEDULE, started);

        assertThat(registry.get(CaptureMetrics.CAPTURE_DURATION).timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(registry.scrape())
                .contains("configvault_snapshots_captured_total{trigger=\"schedule\"} 1.0")
                .contains("configvault_capture_duration_seconds_bucket{le=\"1.0\"} 0")
                .contains("configvault_capture_duration_seconds_bucket{le=\"5.0\"} 1");
    }

    @Test
    void aHeartbeatIsTimedButNotCountedAsASnapshot() {
        metrics.unchanged(metrics.start());

        assertThat(registry.get(CaptureMetrics.CAPTURE_DURATION).timer().count()).isEqualTo(1);
        assertThat(registry.find(CaptureMetrics.CAPTURED).counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void publishLatencyIsAHistogramUpToADay() {
        metrics.published(Duration.ofMinutes(20));

        assertThat(registry.scrape())
                .contains("configvault_publish_latency_seconds_bucket{le=\"900.0\"} 0")
                .contains("configvault_publish_latency_seconds_bucket{le=\"3600.0\"} 1");
    }

    @Test
    void withoutARegistryEveryMeterIsANoOp() {
        CaptureMetrics none = CaptureMetrics.none();

        none.captured(Trigger.MANUAL, none.start());
        none.failed(Trigger.CHANGE);
        none.published(Duration.ofSeconds(1));

        assertThat(registry.find(CaptureMetrics.PUBLISHED).counter().count()).isZero();
    }
}
