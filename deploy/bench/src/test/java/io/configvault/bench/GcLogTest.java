package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final long MIB = 1024 * 1024;
    private static final List<String> LOG = List.of(
            "[1000ms] Using G1",
            "[1100ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->4M(64M) 7.209ms",
            "[2000ms] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 28M->17M(64M) 11.645ms",
            "[2500ms] GC(2) Concurrent Mark Cycle",
            "[2600ms] GC(2) Pause Remark 50M->30M(128M) 0.960ms",
            "[3000ms] GC(3) Pause Young (Normal) (G1 Evacuation Pause) (Evacuation Failure:"
                    + " Allocation) 58M->59M(128M) 0.249ms",
            "[4000ms] GC(4) Pause Full (G1 Compaction Pause) 1G->21M(2G) 6.387ms",
            "[5000ms] GC(5) Pause Young (Normal) (G1 Evacuation Pause) 512K->256K(2G) 1ms");

    @Test
    void readsEveryPauseWithItsHeapBeforeAndAfter() {
        List<GcLog.Pause> pauses = GcLog.parse(LOG);

        assertThat(pauses).hasSize(6);
        assertThat(pauses.get(0)).isEqualTo(new GcLog.Pause(1100, 15 * MIB, 4 * MIB, 64 * MIB, true));
        assertThat(pauses.get(2).collects()).isFalse();
        assertThat(pauses.get(3).collects()).as("a failed evacuation empties nothing").isFalse();
        assertThat(pauses.get(4)).isEqualTo(new GcLog.Pause(4000, 1024 * MIB, 21 * MIB,
                2048 * MIB, true));
        assertThat(pauses.get(5).afterBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void aWindowCountsItsPausesAndTheFirstOneAfterIt() {
        GcLog.Window window = GcLog.window(GcLog.parse(LOG), 1500, 2800);

        // GC(1) and the remark fall in; GC(3) bounds the stretch's end. The remark frees
        // nothing: its 30M after is no live figure.
        assertThat(window.pauses()).isEqualTo(3);
        assertThat(window.peakBytes()).isEqualTo(58 * MIB);
        assertThat(window.liveBytes()).isEqualTo(17 * MIB);
        assertThat(window.committedBytes()).isEqualTo(128 * MIB);
    }

    @Test
    void aFailedEvacuationIsNoLiveFigureButAFullCollectionIs() {
        GcLog.Window window = GcLog.window(GcLog.parse(LOG), 2800, 4500);

        assertThat(window.peakBytes()).isEqualTo(1024 * MIB);
        assertThat(window.liveBytes()).isEqualTo(21 * MIB);
    }

    @Test
    void aWindowAfterTheLastPauseCannotBeTold() {
        assertThatThrownBy(() -> GcLog.window(GcLog.parse(LOG), 6000, 7000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no pause during or after the measured stretch");
    }

    @Test
    void theOptionWritesEpochMilliseconds() {
        assertThat(GcLog.jvmOption(Path.of("/tmp/gc.log")))
                .isEqualTo("-Xlog:gc:file=/tmp/gc.log:timemillis");
    }
}
