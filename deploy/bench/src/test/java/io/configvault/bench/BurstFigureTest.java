package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BurstFigureTest {

    private static final long MIB = 1024 * 1024;
    private static final long[] LATENCIES = LongStream.rangeClosed(1, 100).toArray();

    @Test
    void ratiosCompareEachSystemsTimeWithTheVaults() {
        BurstResult result = new BurstResult(1000, MIB, 50_000_000_000L, LATENCIES,
                10_000_000_000L, 4, 1000, 2_000_000_000_000L, 3_000_000_000L,
                LongStream.generate(() -> 2_000_000_000L).limit(1000).toArray(),
                new CpuUse(1900, 2000, 40_000_000_000L));

        Figure figure = BurstFigure.of(result);

        assertThat(figure.id()).isEqualTo("fleet-burst");
        assertThat(figure.title()).isEqualTo("Figure 2: fleet burst, 1,000 appliances × 1 MiB");
        assertThat(figure.rows()).hasSize(3);
        assertThat(figure.rows().get(0)).containsExactly("ConfigVault (publish → listed)",
                "1,000", "1,000", "50.00", "20.0", "1.00×");
        assertThat(figure.rows().get(1)).containsExactly(
                "Raw S3 PUT, AWS SDK v2, 4 threads (the limit)", "1,000", "1,000", "10.00",
                "100.0", "0.20×");
        assertThat(figure.rows().get(2)).containsExactly(
                "restic 0.14, one `restic backup` per file", "1,000", "1,000", "2,000.00", "0.5",
                "40.00×");
        assertThat(figure.values()).containsEntry("vaultSpeedupVsRestic", 40.0)
                .containsEntry("vaultThroughputVsRawPut", 0.2)
                .containsEntry("vaultListedAfterAckMsP99", 99L)
                .containsEntry("resticFleetExtrapolated", false);
        assertThat(figure.notes()).anyMatch(n -> n.contains("50 / 95 / 99 ms (p50 / p95"));
        assertThat(figure.notes()).anyMatch(n -> n.contains("restic takes 40.0× as long"));
        assertThat(figure.notes()).anyMatch(n -> n.contains("processors were 95% busy; the"
                + " vault used 40.0 s of CPU in those 50.0 s (0.80 processors"));
    }

    @Test
    void resticOnPartOfTheFleetIsScaledAndSaysSo() {
        BurstResult result = new BurstResult(1000, MIB, 50_000_000_000L, LATENCIES,
                10_000_000_000L, 4, 250, 500_000_000_000L, 1_000_000_000L,
                LongStream.rangeClosed(1, 250).map(i -> i * 16_000_000L).toArray(),
                new CpuUse(1900, 2000, 40_000_000_000L));

        Figure figure = BurstFigure.of(result);

        // 25 backups per tenth: the first averaged 13 × 16 ms, the last 238 × 16 ms.
        assertThat(figure.notes()).contains("restic's time per backup: 0.21 s over the first"
                + " tenth of its backups, 3.81 s over the last tenth.");

        assertThat(figure.rows().get(2)).containsExactly(
                "restic 0.14, one `restic backup` per file", "250", "250", "500.00", "0.5",
                "40.00× (scaled)");
        assertThat(figure.values()).containsEntry("resticFleetSeconds", 2000.0)
                .containsEntry("resticFleetExtrapolated", true);
        assertThat(figure.notes()).anyMatch(n -> n.contains("its time for 250 files scaled"
                + " linearly to 1000"));
    }

    @Test
    void withoutResticTheFigureSaysItWasNotRun() {
        BurstResult result = new BurstResult(10, 64 * 1024, 1_000_000_000L, new long[] {5},
                500_000_000L, 2, 0, 0, 0, new long[0], new CpuUse(0, 0, 0));

        Figure figure = BurstFigure.of(result);

        assertThat(figure.rows()).hasSize(2);
        assertThat(figure.title()).endsWith("10 appliances × 64 KiB");
        assertThat(figure.notes()).contains("restic was not run (BENCH_RESTIC_SNAPSHOTS=0).");
        assertThat(figure.values()).doesNotContainKey("vaultSpeedupVsRestic");
    }
}
