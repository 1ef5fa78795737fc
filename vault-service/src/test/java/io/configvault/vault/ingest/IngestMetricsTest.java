package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void aStoredSnapshotIsCountedAndItsLatenciesGoIntoHistogramBuckets() {
        metrics.stored(Duration.ofSeconds(40), Duration.ofMillis(300));

        String scrape = registry.scrape();
        assertThat(scrape).contains("configvault_ingest_snapshots_stored_total 1.0")
                .contains("configvault_ingest_latency_seconds_bucket{since=\"capture\",le=\"60.0\"} 1")
                .contains("configvault_ingest_latency_seconds_bucket{since=\"capture\",le=\"15.0\"} 0")
                .contains("configvault_ingest_latency_seconds_bucket{since=\"first-segment\","
                        + "le=\"1.0\"} 1");
    }

    @Test
    void aNegativeLatencyFromASkewedApplianceClockIsDropped() {
        metrics.stored(Duration.ofSeconds(-5), Duration.ofMillis(10));

        assertThat(registry.get(IngestMetrics.LATENCY).tag("since", "capture").timer().count())
                .isZero();
        assertThat(registry.get(IngestMetrics.LATENCY).tag("since", "first-segment").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void lagIsAGaugePerAssignedPartitionThatGoesWithTheAssignment() {
        metrics.lag(0, OptionalLong.of(7));
        metrics.lag(3, OptionalLong.empty());
        metrics.lag(0, OptionalLong.of(2));

        assertThat(lag("0")).isEqualTo(2.0);
        assertThat(lag("3")).isNaN();
        assertThat(registry.find(IngestMetrics.LAG).gauges()).hasSize(2);

        metrics.unassigned(0);
        metrics.unassigned(9);

        assertThat(registry.find(IngestMetrics.LAG).gauges()).hasSize(1);
        assertThat(registry.scrape()).doesNotContain("partition=\"0\"");
        metrics.lag(0, OptionalLong.of(1));
        assertThat(lag("0")).as("registered again on reassignment").isEqualTo(1.0);
    }

    private double lag(String partition) {
        return registry.get(IngestMetrics.LAG).tag("partition", partition).gauge().value();
    }
}
