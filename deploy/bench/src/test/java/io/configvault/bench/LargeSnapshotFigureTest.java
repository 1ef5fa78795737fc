package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LargeSnapshotFigureTest {

    private static final long MIB = 1024 * 1024;
    private static final long S = 1_000_000_000L;

    private static LargeResult result(long vaultIngestNanos) {
        return new LargeResult(1024 * MIB, 8 * S, 4 * S, 16 * S, vaultIngestNanos, 4 * S,
                2 * S, new GcLog.Window(12, 180 * MIB, 40 * MIB, 256 * MIB), 500 * MIB,
                520 * MIB, 150 * MIB, 190 * MIB, 200 * MIB,
                new GcLog.Window(30, 50 * MIB, 20 * MIB, 64 * MIB), 64 * MIB, 256 * MIB);
    }

    @Test
    void comparesTheVaultsIngestWithTheRawPut() {
        Figure figure = LargeSnapshotFigure.of(result(8 * S), List.of("bound"));

        assertThat(figure.id()).isEqualTo("large-snapshot");
        assertThat(figure.title()).isEqualTo("Figure 3: large snapshot throughput, 1 GiB");
        assertThat(figure.rows().get(0)).containsExactly(
                "Raw multipart PUT, AWS SDK v2, 16 MiB parts (the limit)", "2.00 s", "512.0",
                "1.00× raw");
        assertThat(figure.rows().get(1)).containsExactly(
                "Vault ingest: first segment read → listed", "8.00 s", "128.0",
                "0.25× raw: MISSED (target ≥ 0.80×)");
        assertThat(figure.rows().get(3).get(1)).isEqualTo("16.00 s");
        assertThat(figure.rows().get(6)).containsExactly(
                "Vault heap high-water mark during the ingest", "180 MiB of 256 MiB", "",
                "met (target ≤ 256 MiB)");
        assertThat(figure.notes()).endsWith("bound");
        assertThat(figure.values()).containsEntry("vaultIngestVsRawPut", 0.25)
                .containsEntry("vaultHeapPeakBytes", 180 * MIB);
    }

    @Test
    void aVaultAtFourFifthsOfTheRawPutMeetsTheTarget() {
        Figure figure = LargeSnapshotFigure.of(result(5 * S / 2), List.of());

        assertThat(figure.rows().get(1).get(3)).isEqualTo("0.80× raw: met (target ≥ 0.80×)");
    }

    @Test
    void aHeapFullToItsLimitIsNoMetTarget() {
        LargeResult full = new LargeResult(1024 * MIB, S, S, S, S, S, S,
                new GcLog.Window(300, 254 * MIB, 254 * MIB, 256 * MIB), 0, 0, 0, 0, 0,
                new GcLog.Window(1, 1, 1, 1), 64 * MIB, 256 * MIB);

        assertThat(LargeSnapshotFigure.heapVerdict(full))
                .isEqualTo("MISSED: the heap was full (target ≤ 256 MiB with room)");
    }

    @Test
    void theAgentsFootprintNamesItsHeapLimit() {
        Figure figure = AgentFootprintFigure.of(result(8 * S), 3000);

        assertThat(figure.title()).isEqualTo(
                "Figure 6: agent footprint, 1 GiB capture with -Xmx64m");
        assertThat(figure.rows().get(0)).containsExactly(
                "RSS idle (3 s after its API answered)", "150 MiB", "");
        assertThat(figure.rows().get(3)).containsExactly(
                "Heap high-water mark during capture and publish (GC log)", "50 MiB of 64 MiB",
                "live after GC ≤ 20 MiB");
        assertThat(figure.values()).containsEntry("agentPeakRssBytes", 190 * MIB);
    }

    @Test
    void theBoundsNoteSplitsTheIngestAtTheLastSegment() {
        List<String> notes = LargeSnapshot.bounds(result(8 * S),
                new CryptoCost.Cost(64 * MIB, S / 4, S / 8));
        assertThat(notes).hasSize(3);
        assertThat(notes.get(0))
                .contains("the agent's publish took 4.00 s of the vault's 8.00 s")
                .contains("the vault took 4.00 s (256.0 MiB/s)");
        assertThat(notes.get(1))
                .contains("publish alone (256.0 MiB/s into the broker) takes 2.00× the raw"
                        + " PUT's time")
                .contains("at most 0.50× the raw PUT's throughput");
        assertThat(notes.get(2))
                .contains("take 0.25 s and 0.13 s per 64 MiB")
                .contains("take at least 4.00 s for this snapshot: 2.00× the raw PUT's time");
    }
}
