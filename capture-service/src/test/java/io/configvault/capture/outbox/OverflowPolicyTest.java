package io.configvault.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverflowPolicyTest {

    private static List<Outbox.Held> backlog(long... sizes) {
        List<Outbox.Held> held = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            held.add(new Outbox.Held(SnapshotId.mint(Clock.systemUTC()), i + 1, sizes[i], false));
        }
        return held;
    }

    @Test
    void nothingIsDroppedWhileTheNewSnapshotFits() {
        assertThat(OverflowPolicy.plan(backlog(10, 10), 10, 30))
                .isEqualTo(new OverflowPolicy.Plan.Fits(List.of()));
    }

    @Test
    void dropsTheMiddleOldestFirstAndKeepsTheOldestUndelivered() {
        List<Outbox.Held> held = backlog(10, 10, 10, 10);

        var plan = (OverflowPolicy.Plan.Fits) OverflowPolicy.plan(held, 20, 40);

        assertThat(plan.evict()).containsExactly(held.get(1), held.get(2));
    }

    @Test
    void damagedEntriesGoFirst() {
        List<Outbox.Held> held = new ArrayList<>(backlog(10, 10, 10));
        Outbox.Held damaged = new Outbox.Held(held.get(2).snapshotId(), 3, 10, true);
        held.set(2, damaged);

        var plan = (OverflowPolicy.Plan.Fits) OverflowPolicy.plan(held, 10, 30);

        assertThat(plan.evict()).containsExactly(damaged);
    }

    @Test
    void refusesTheNewSnapshotOnlyWhenItCannotFitNextToTheOldest() {
        assertThat(OverflowPolicy.plan(backlog(25, 5, 5), 10, 30))
                .isEqualTo(new OverflowPolicy.Plan.DoesNotFit(35, 30));
        assertThat(OverflowPolicy.plan(List.of(), 31, 30))
                .isEqualTo(new OverflowPolicy.Plan.DoesNotFit(31, 30));
    }

    @Test
    void neverDropsTheNewestOrTheOldestOverAnyBacklog() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 2_000; round++) {
            long[] sizes = new long[random.nextInt(12)];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 1 + random.nextInt(50);
            }
            List<Outbox.Held> held = backlog(sizes);
            long incoming = 1 + random.nextInt(50);
            long budget = 20 + random.nextInt(300);
            OverflowPolicy.Plan plan = OverflowPolicy.plan(held, incoming, budget);
            if (plan instanceof OverflowPolicy.Plan.Fits fits) {
                if (!held.isEmpty()) {
                    assertThat(fits.evict()).doesNotContain(held.get(0));
                }
                long after = held.stream().mapToLong(Outbox.Held::sealedBytes).sum()
                        - fits.evict().stream().mapToLong(Outbox.Held::sealedBytes).sum()
                        + incoming;
                assertThat(after).isLessThanOrEqualTo(budget);
            } else {
                long floor = (held.isEmpty() ? 0 : held.get(0).sealedBytes()) + incoming;
                assertThat(floor).isGreaterThan(budget);
            }
        }
    }
}
