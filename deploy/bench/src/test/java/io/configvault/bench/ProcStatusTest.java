package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void readsResidentSetAndHighWaterMarkInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmHWM:\t  204800 kB\n"
                + "VmRSS:\t  102400 kB\nThreads:\t42\n";

        ProcStatus parsed = ProcStatus.parse(status, "/proc/1/status");

        assertThat(parsed.rssBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(parsed.peakBytes()).isEqualTo(200L * 1024 * 1024);
    }

    @Test
    void aMissingFieldIsNamedWithTheFile() {
        assertThatThrownBy(() -> ProcStatus.parse("VmRSS:\t1 kB\n", "/proc/7/status"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot read VmHWM in /proc/7/status: no such line");
    }

    @Test
    void readsThisProcess() throws Exception {
        ProcStatus self = ProcStatus.of(ProcessHandle.current().pid());

        assertThat(self.rssBytes()).isPositive().isLessThanOrEqualTo(self.peakBytes());
    }
}
