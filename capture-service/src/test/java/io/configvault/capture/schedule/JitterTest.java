package io.configvault.capture.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each appliance's offset is fixed by its id, inside the window, and a fleet spreads over it. */
class JitterTest {

    private static final Duration WINDOW = Duration.ofMinutes(30);

    @Test
    void theOffsetFollowsTheDocumentedFormula() {
        // SHA-256("nas-17") starts 48e6dd6120ee9c94 = 5253129424608337044; mod 1800 = 1044 s.
        assertThat(Jitter.offset("nas-17", WINDOW)).isEqualTo(Duration.ofSeconds(1044));
        // SHA-256("fw-3") starts b48a32f1156e91d3, above 2^63: read as unsigned, mod 1800 = 1171.
        assertThat(Jitter.offset("fw-3", WINDOW)).isEqualTo(Duration.ofSeconds(1171));
    }

    @Test
    void aThousandAppliancesSpreadOverTheWindowEachAtAStableOffset() {
        Set<Duration> distinct = new HashSet<>();
        int[] tenths = new int[10];
        for (int i = 0; i < 1000; i++) {
            String id = "nas-" + i;
            Duration offset = Jitter.offset(id, WINDOW);
            assertThat(offset).as(id).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(WINDOW)
                    .isEqualTo(Jitter.offset(id, WINDOW));
            distinct.add(offset);
            tenths[(int) (offset.toSeconds() * 10 / WINDOW.toSeconds())]++;
        }
        // Uniform: 100 per tenth of the window expected (standard deviation about 9.5).
        assertThat(IntStream.of(tenths).boxed().toList()).as("appliances per tenth of the window")
                .allSatisfy(count -> assertThat(count).isBetween(70, 130));
        // 1,000 ids over 1,800 one-second slots: about 760 distinct slots expected.
        assertThat(distinct).as("distinct offsets").hasSizeGreaterThan(700);
    }

    @Test
    void neighbouringIdsGetUnrelatedOffsets() {
        long close = IntStream.range(0, 999).filter(i -> Math.abs(
                Jitter.offset("nas-" + i, WINDOW).toSeconds()
                        - Jitter.offset("nas-" + (i + 1), WINDOW).toSeconds()) < 60).count();

        // Two uniform offsets lie within a minute of each other with probability about 1/15.
        assertThat(close).as("neighbours within a minute of each other").isLessThan(120);
    }

    @Test
    void aZeroOrSubSecondWindowMeansNoOffset() {
        assertThat(Jitter.offset("nas-17", Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(Jitter.offset("nas-17", Duration.ofMillis(999))).isEqualTo(Duration.ZERO);
        assertThat(Jitter.offset("nas-17", Duration.ofDays(1)))
                .isLessThan(Duration.ofDays(1));
    }
}
