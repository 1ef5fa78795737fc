package io.configvault.vault.periodic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void aRunThatThrowsDoesNotStopTheNextOnes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (PeriodicTask task = PeriodicTask.start("test-periodic", Duration.ofMillis(20), () -> {
            if (runs.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("every other run fails");
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 5);
        }
    }

    @Test
    void closingStopsTheRunsAndInterruptsARunningOne() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        PeriodicTask task = PeriodicTask.start("test-periodic", Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);

        task.close();

        assertThat(interrupted.get()).isEqualTo(1);
        assertThat(runs.get()).isEqualTo(1);
    }
}
