package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhFigureTest {

    @Test
    void throughputFollowsFromTheTimePerOperationAndItsBytes() {
        JmhFigure.Row seal = new JmhFigure.Row("SealingBenchmark.bundleAndSeal", 64L << 20, 640,
                12.5, "ms/op");
        JmhFigure.Row insert = new JmhFigure.Row("CatalogInsertBenchmark.insert", 0, 2_500.25,
                Double.NaN, "us/op");

        Figure figure = JmhFigure.of(List.of(seal, insert), "1 fork");

        assertThat(figure.rows().get(0)).containsExactly("SealingBenchmark.bundleAndSeal",
                "64 MiB", "640.000", "± 12.500", "ms/op", "100.0");
        assertThat(figure.rows().get(1)).containsExactly("CatalogInsertBenchmark.insert", "",
                "2,500.250", "", "us/op", "");
        assertThat(figure.values()).containsEntry("SealingBenchmark.bundleAndSeal.67108864"
                + ".mibPerSecond", 100.0).doesNotContainKey("CatalogInsertBenchmark.insert"
                + ".mibPerSecond");
        assertThat(figure.notes().getFirst()).contains("1 fork");
    }

    @Test
    void microsecondsAndSecondsPerOperation() {
        assertThat(JmhFigure.mibPerSecond(new JmhFigure.Row("x", 1 << 20, 500_000, 0,
                "us/op"))).isEqualTo(2.0);
        assertThat(JmhFigure.mibPerSecond(new JmhFigure.Row("x", 1 << 20, 2, 0, "s/op")))
                .isEqualTo(0.5);
    }

    @Test
    void anUnknownUnitIsNamed() {
        assertThatThrownBy(() -> JmhFigure.mibPerSecond(new JmhFigure.Row("x", 1, 1, 0,
                "ops/min/op"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ops/min/op'");
    }
}
