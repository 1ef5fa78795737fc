package io.configvault.shared.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * A health indicator backed by a probe of one dependency: the probe runs on a virtual thread
 * behind a {@link CachedCheck} (an answer is reused for {@link #MAX_AGE}; a caller waits at most
 * {@link #DEADLINE}), so no request thread ever blocks on a broker or bucket that does not answer.
 */
public abstract class CheckIndicator implements HealthIndicator {

    /** How long a probe's answer is reused: probes every few seconds reach the dependency once. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** How long a health request waits for a probe; past it the dependency counts as DOWN. */
    public static final Duration DEADLINE = Duration.ofSeconds(3);

    private final String name;
    private final CachedCheck check;

    protected CheckIndicator(String name, HealthCheck probe, Clock clock) {
        this.name = name;
        this.check = new CachedCheck(probe, clock, MAX_AGE, DEADLINE,
                runnable -> Thread.ofVirtual().name("health-" + name).start(runnable));
    }

    @Override
    public final Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(this::result);
    }

    /** The indicator's answer; what {@link #getResult} publishes. */
    public final CompletableFuture<HealthResult> result() {
        return check.check().thenApply(found -> HealthResult.builder(name,
                found.up() ? HealthStatus.UP : HealthStatus.DOWN).details(found.details()).build());
    }

    /** The name of the indicator in the health document. */
    public final String name() {
        return name;
    }
}
