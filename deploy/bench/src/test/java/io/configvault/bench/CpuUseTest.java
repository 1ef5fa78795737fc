package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuUseTest {

    @Test
    void busyIsEverythingButIdleAndIoWait() {
        long[] ticks = CpuUse.parseStat("cpu  100 5 45 800 50 0 0 0 10 0\ncpu0 1 2 3 4 5 6 7 8\n");

        // total of user..steal = 1000; idle 800 + iowait 50 are not busy; guest is in user.
        assertThat(ticks).containsExactly(150, 1000);
    }

    @Test
    void aStretchIsTheDifferenceOfTwoReadings() {
        CpuUse stretch = new CpuUse(900, 2000, 7_000_000_000L)
                .since(new CpuUse(300, 1000, 2_000_000_000L));

        assertThat(stretch).isEqualTo(new CpuUse(600, 1000, 5_000_000_000L));
        assertThat(stretch.machineBusy()).isEqualTo(0.6);
    }

    @Test
    void aTextWithoutTheCpuLineIsRefused() {
        assertThatThrownBy(() -> CpuUse.parseStat("intr 1 2 3\n"))
                .hasMessageContaining("no aggregate cpu line");
    }
}
