package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void memTotalIsReadInKibibytes() {
        assertThat(Machine.memTotal("MemTotal:       24683576 kB\nMemFree:  1 kB\n"))
                .isEqualTo(24683576L * 1024);
        assertThat(Machine.memTotal("MemFree: 1 kB\n")).isZero();
    }

    @Test
    void theCpuModelIsTheFirstModelName() {
        String cpuinfo = """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model\t\t: 1
                model name\t: AMD EPYC 7B13
                processor\t: 1
                model name\t: Other
                """;
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("AMD EPYC 7B13");
        assertThat(Machine.cpuModel("processor: 0\n")).isEqualTo("unknown");
    }

    @Test
    void describeIsOneLine() {
        assertThat(new Machine(2, 3L * 1024 * 1024 * 1024, "X").describe())
                .isEqualTo("2 processors, 3.0 GiB memory, X");
    }
}
