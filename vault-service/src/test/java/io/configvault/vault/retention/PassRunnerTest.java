package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.retention.RetentionService.PassReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One pass at a time, in the order asked; who the audit log names. */
class PassRunnerTest {

    @TempDir
    Path dir;

    @Test
    void aRunAskedForDuringAPassWaitsForItToFinish() throws Exception {
        PassFixture vault = new PassFixture(dir);
        vault.daily("nas-1", "lab", 3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Planning stand = vault.planning;
        vault.planning = (appliance, candidates, now) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return stand.plan(appliance, candidates, now);
        };
        PassRunner runner = vault.runner();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<PassReport> first = CompletableFuture.supplyAsync(() -> run(runner),
                threads);
        entered.await();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<PassReport> second = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return run(runner);
        }, threads);

        await().atMost(Duration.ofSeconds(10)).until(() -> waiter.get() != null
                && waiter.get().getState() == Thread.State.WAITING);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        release.countDown();

        assertThat(first.get().deleted()).isEqualTo(1);
        assertThat(second.get().deleted()).isZero();
        assertThat(most.get()).isEqualTo(1);
        threads.shutdown();
    }

    @Test
    void scheduledPassesAreAuditedAsRetentionAndAskedForOnesNameTheAsker() throws Exception {
        PassFixture vault = new PassFixture(dir);
        vault.daily("nas-1", "lab", 3);
        vault.runner().runScheduled();
        vault.daily("nas-2", "lab", 3);

        vault.runner().run("ops-token");

        assertThat(((AuditLog) vault.catalog).recentAudit(10)).extracting(AuditRecord::actor)
                .containsExactly("retention (run by ops-token)", "retention");
    }

    @Test
    void aPassThatBreaksIsCountedAsFailedAndLeavesTheLockFree() throws Exception {
        PassFixture vault = new PassFixture(dir);
        vault.daily("nas-1", "lab", 3);
        Planning stand = vault.planning;
        AtomicInteger calls = new AtomicInteger();
        vault.planning = (appliance, candidates, now) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("planner bug");
            }
            return stand.plan(appliance, candidates, now);
        };
        PassRunner runner = vault.runner();

        assertThatThrownBy(() -> runner.run("admin")).isInstanceOf(IllegalStateException.class)
                .hasMessage("planner bug");
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "failed")).isEqualTo(1);
        assertThat(runner.run("admin").deleted()).isEqualTo(1);
    }

    private static PassReport run(PassRunner runner) {
        try {
            return runner.run("admin");
        } catch (RetentionException e) {
            throw new IllegalStateException(e);
        }
    }
}
