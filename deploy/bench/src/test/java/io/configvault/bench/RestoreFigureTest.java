package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RestoreFigureTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void ratiosCompareTheApiWithTheRawGetAndTheChecksOrTheGetBoundItFromBelow() {
        long[] api = LongStream.rangeClosed(1, 100).map(i -> i * 300).toArray();
        long[] raw = LongStream.rangeClosed(1, 100).map(i -> i * 100).toArray();
        RestoreLatency.Samples samples = new RestoreLatency.Samples(api, raw, 1_052_672,
                1_053_027);

        Figure figure = RestoreFigure.of(samples, MIB, Percentiles.of(new long[] {8_000}));

        assertThat(figure.title()).isEqualTo("Figure 4: restore latency, a snapshot of 1 MiB");
        assertThat(figure.rows().get(0)).containsExactly(
                "Vault API, GET /api/v1/snapshots/{id}/content", "1,052,672 B (bundle)", "15.00",
                "28.50", "3.00×");
        assertThat(figure.rows().get(1)).containsExactly(
                "Raw S3 GET of the stored object, AWS SDK v2 (the limit)",
                "1,053,027 B (encrypted)", "5.00", "9.50", "1.00×");
        assertThat(figure.values()).containsEntry("ratioP50", 3.0)
                .containsEntry("floorMicrosP50", 8_000L).containsEntry("targetMet", false);
        assertThat(figure.notes()).anyMatch(n -> n.contains("missed (3.00× at p50"));
        assertThat(figure.notes()).anyMatch(n -> n.contains("takes 8.00 ms")
                && n.contains("max(raw GET, checks) = 8.00 ms = 1.60× the raw GET")
                && n.contains("(7.00 ms at p50)"));
    }
}
