package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeFigureTest {

    @Test
    void theQuietPeriodIsSubtractedFromEverySample() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 500 + i * 10).toArray();

        Figure figure = ChangeFigure.of(samples, Duration.ofMillis(500), Duration.ofMillis(250));

        assertThat(figure.id()).isEqualTo("change-latency");
        assertThat(figure.rows().get(0)).containsExactly("Beyond the quiet period (the figure)",
                "100", "500", "950", "990", "1,000", "p99 ≤ 1,000 ms: met");
        assertThat(figure.rows().get(1)).containsExactly(
                "Commit → listed, quiet period included", "100", "1,000", "1,450", "1,490",
                "1,500", "");
        assertThat(figure.values()).containsEntry("beyondQuietMsP99", 990L)
                .containsEntry("quietPeriodMs", 500L).containsEntry("targetMet", true);
    }

    @Test
    void aP99AboveOneSecondIsReportedAsMissed() {
        long[] samples = {700, 800, 1600};

        Figure figure = ChangeFigure.of(samples, Duration.ofMillis(500), Duration.ofMillis(250));

        assertThat(figure.rows().get(0).getLast()).isEqualTo("p99 ≤ 1,000 ms: missed");
        assertThat(figure.notes()).anyMatch(n -> n.contains("missed (p99 1,100 ms over 3"));
        assertThat(figure.values()).containsEntry("targetMet", false);
    }
}
