package io.configvault.shared.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A {@link HealthCheck} behind a cache and a deadline, so that frequent health probes (an
 * orchestrator asks every few seconds, on liveness and readiness) neither hammer the dependency
 * nor hang on it.
 *
 * <p>An answer younger than {@code maxAge} is reused. Otherwise one probe runs on
 * {@code executor} (at most one at a time: concurrent callers share it), and a caller waits at
 * most {@code deadline} for it: past that it gets DOWN with "no answer within …", while the probe
 * goes on and its answer, whenever it comes, is the next one reused. {@link #check} never blocks.
 * Thread-safe.
 */
public final class CachedCheck {

    private final HealthCheck probe;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration deadline;
    private final Executor executor;
    private CheckResult last;
    private Instant lastAt;
    private CompletableFuture<CheckResult> running;

    /**
     * @param maxAge   how long an answer is reused
     * @param deadline how long a caller waits for a probe's answer
     * @param executor runs the probes (each may block up to its own timeouts)
     */
    public CachedCheck(HealthCheck probe, Clock clock, Duration maxAge, Duration deadline,
                       Executor executor) {
        this.probe = probe;
        this.clock = clock;
        this.maxAge = maxAge;
        this.deadline = deadline;
        this.executor = executor;
    }

    /** The latest answer if it is recent, else the answer of a probe (started or joined). */
    public CompletableFuture<CheckResult> check() {
        CompletableFuture<CheckResult> pending;
        synchronized (this) {
            if (last != null && clock.instant().isBefore(lastAt.plus(maxAge))) {
                return CompletableFuture.completedFuture(last);
            }
            if (running == null) {
                // The executor may run the probe at once, on this thread: keep our own reference.
                CompletableFuture<CheckResult> started = new CompletableFuture<>();
                running = started;
                try {
                    executor.execute(() -> finish(started));
                } catch (RejectedExecutionException e) {
                    running = null;
                    return CompletableFuture.completedFuture(failed(e));
                }
                pending = started;
            } else {
                pending = running;
            }
        }
        // A copy: the deadline of this caller must not complete the probe everyone shares.
        return pending.copy().exceptionally(CachedCheck::failed)
                .completeOnTimeout(timedOut(), deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(CompletableFuture<CheckResult> started) {
        CheckResult result;
        try {
            result = runSafely();
        } catch (Error e) {
            synchronized (this) {
                running = null;
            }
            started.completeExceptionally(e);
            throw e;
        }
        // The answer and the end of the probe together: a caller after this point either reuses
        // the answer or starts a new probe, never joins this finished one.
        synchronized (this) {
            last = result;
            lastAt = clock.instant();
            running = null;
        }
        started.complete(result);
    }

    private CheckResult runSafely() {
        try {
            return probe.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(e);
        } catch (Exception e) {
            return failed(e);
        }
    }

    private static CheckResult failed(Throwable e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error", CheckResult.describe(e));
        return CheckResult.down(details);
    }

    private CheckResult timedOut() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("error", "no answer within " + deadline.toMillis() + " ms");
        return CheckResult.down(details);
    }
}
