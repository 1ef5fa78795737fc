package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String TEXT = """
            # HELP configvault_ingest_latency_seconds Time until a snapshot is stored
            # TYPE configvault_ingest_latency_seconds histogram
            configvault_ingest_latency_seconds_bucket{since="first-segment",le="1.0"} 0
            configvault_ingest_latency_seconds_count{since="first-segment"} 1
            configvault_ingest_latency_seconds_sum{since="first-segment"} 25.5
            configvault_ingest_latency_seconds_sum{since="capture"} 40.25
            configvault_ingest_latency_seconds_sum{host="a",since="first-segment"} 1.5
            configvault_ingest_latency_seconds_sum_other{since="first-segment"} 99
            """;

    @Test
    void sumsTheSamplesCarryingTheLabel() {
        assertThat(PrometheusText.sum(TEXT, "configvault_ingest_latency_seconds_sum", "since",
                "first-segment")).hasValue(27.0);
        assertThat(PrometheusText.sum(TEXT, "configvault_ingest_latency_seconds_sum", "since",
                "capture")).hasValue(40.25);
    }

    @Test
    void noSampleIsEmpty() {
        assertThat(PrometheusText.sum(TEXT, "configvault_ingest_latency_seconds_sum", "since",
                "nowhere")).isEmpty();
        assertThat(PrometheusText.sum("", "x", "a", "b")).isEmpty();
    }
}
