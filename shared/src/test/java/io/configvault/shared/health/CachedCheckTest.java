package io.configvault.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCheckTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Duration LONG = Duration.ofMinutes(1);

    private final MutableClock clock = new MutableClock(START);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<Runnable> queued = new ArrayList<>();

    @Test
    void aRecentAnswerIsReusedAndAnOldOneProbedAgain() throws Exception {
        CachedCheck check = new CachedCheck(counting(true), clock, MAX_AGE, LONG,
                Runnable::run);

        assertThat(check.check().get().up()).isTrue();
        clock.advance(MAX_AGE.minusMillis(1));
        assertThat(check.check().get().details()).containsEntry("probe", 1);
        assertThat(probes).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        assertThat(check.check().get().details()).containsEntry("probe", 2);
        assertThat(probes).hasValue(2);
    }

    @Test
    void callersWhileAProbeRunsShareIt() throws Exception {
        CachedCheck check = new CachedCheck(counting(true), clock, MAX_AGE, LONG, queued::add);

        CompletableFuture<CheckResult> first = check.check();
        CompletableFuture<CheckResult> second = check.check();
        assertThat(queued).as("one probe started").hasSize(1);
        assertThat(first).isNotDone();

        queued.getFirst().run();
        assertThat(first.get().details()).containsEntry("probe", 1);
        assertThat(second.get().details()).containsEntry("probe", 1);
        assertThat(probes).hasValue(1);
    }

    @Test
    void aProbeThatDoesNotAnswerInTimeIsDownAndItsLateAnswerIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HealthCheck slow = () -> {
            release.await();
            return CheckResult.up(Map.of("late", true));
        };
        Executor thread = runnable -> Thread.ofVirtual().start(runnable);
        CachedCheck check = new CachedCheck(slow, clock, MAX_AGE, Duration.ofMillis(50),
                thread);

        CheckResult timedOut = check.check().get();
        assertThat(timedOut.up()).isFalse();
        assertThat(timedOut.details()).containsEntry("error", "no answer within 50 ms");

        CompletableFuture<CheckResult> joined = check.check();
        release.countDown();
        assertThat(joined.get().up()).as("joined the same probe, which answered").isTrue();
        assertThat(check.check().get().details()).containsEntry("late", true);
    }

    @Test
    void aProbeThatThrowsIsDownWithTheErrorAndTheNextProbeRuns() throws Exception {
        HealthCheck failing = () -> {
            probes.incrementAndGet();
            throw new IllegalStateException("broker said no");
        };
        CachedCheck check = new CachedCheck(failing, clock, MAX_AGE, LONG, Runnable::run);

        CheckResult result = check.check().get();
        assertThat(result.up()).isFalse();
        assertThat(result.details())
                .containsEntry("error", "IllegalStateException: broker said no");

        clock.advance(MAX_AGE);
        check.check().get();
        assertThat(probes).hasValue(2);
    }

    @Test
    void aRefusedExecutorIsDownAndDoesNotBlockLaterProbes() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Executor refusingOnce = runnable -> {
            if (attempts.incrementAndGet() == 1) {
                throw new RejectedExecutionException("shutting down");
            }
            runnable.run();
        };
        CachedCheck check = new CachedCheck(counting(true), clock, MAX_AGE, LONG,
                refusingOnce);

        assertThat(check.check().get().details())
                .containsEntry("error", "RejectedExecutionException: shutting down");
        assertThat(check.check().get().up()).isTrue();
    }

    @Test
    void longErrorsAreCut() {
        String described = CheckResult.describe(new IllegalStateException("x".repeat(1000)));

        assertThat(described).hasSize(CheckResult.MAX_ERROR_CHARS)
                .startsWith("IllegalStateException: xxx").endsWith("…");
    }

    private HealthCheck counting(boolean up) {
        return () -> {
            int probe = probes.incrementAndGet();
            return new CheckResult(up, Map.of("probe", probe));
        };
    }
}
