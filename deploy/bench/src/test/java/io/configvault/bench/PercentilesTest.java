package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(95)).isEqualTo(95);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.min()).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void smallSetsAnswerOneOfTheSamples() {
        Percentiles p = Percentiles.of(new long[] {30, 10, 20});

        assertThat(p.at(1)).isEqualTo(10);
        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(67)).isEqualTo(30);
        assertThat(p.at(99)).isEqualTo(30);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new long[] {7});

        assertThat(p.at(0.1)).isEqualTo(7);
        assertThat(p.at(99.9)).isEqualTo(7);
    }

    @Test
    void theSamplesAreCopiedNotSortedInPlace() {
        long[] samples = {3, 1, 2};

        Percentiles.of(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void noSamplesAndPercentilesOutOfRangeAreRefused() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no samples");
        Percentiles p = Percentiles.of(new long[] {1});
        assertThatThrownBy(() -> p.at(0)).hasMessageContaining("above 0 and at most 100, not 0");
        assertThatThrownBy(() -> p.at(100.5)).hasMessageContaining("not 100.5");
        assertThatThrownBy(() -> p.at(Double.NaN)).hasMessageContaining("NaN");
    }
}
