package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarksDocTest {

    @Test
    void theDocHoldsCommandDateMachineAndEachFigure() {
        Figure figure = new Figure("f", "Figure 2: x", List.of("A"), List.of(List.of("1")),
                List.of("Measured so."), Map.of());

        String doc = BenchmarksDoc.render(List.of(figure),
                new Machine(2, 0, "CPU"), "deploy/bench/run", "2025-01-02T03:04:05Z");

        assertThat(doc).startsWith("# Benchmarks\n")
                .contains("- Command: `deploy/bench/run`\n")
                .contains("- Date: 2025-01-02T03:04:05Z\n")
                .contains("- Machine: 2 processors, 0.0 GiB memory, CPU\n")
                .endsWith("\n## Figure 2: x\n\n| A |\n| --- |\n| 1 |\n\n- Measured so.\n");
    }
}
