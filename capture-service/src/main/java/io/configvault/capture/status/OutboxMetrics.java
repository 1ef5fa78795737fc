package io.configvault.capture.status;

import io.configvault.capture.outbox.BudgetedOutbox;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * The outbox backlog as metrics, so that an operator can alert on an agent that cannot publish:
 * {@code configvault.outbox.snapshots} (waiting), {@code configvault.outbox.bytes} and
 * {@code configvault.outbox.budget.bytes}, {@code configvault.outbox.damaged} and the counter
 * {@code configvault.outbox.evicted} (snapshots dropped to respect the budget).
 */
@Singleton
final class OutboxMetrics implements MeterBinder {

    private final BudgetedOutbox outbox;

    OutboxMetrics(BudgetedOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("configvault.outbox.snapshots", outbox, read(Outbox::depth))
                .description("Snapshots waiting to be published").register(registry);
        Gauge.builder("configvault.outbox.bytes", outbox,
                        read(o -> o.held().stream().mapToLong(Outbox.Held::sealedBytes).sum()))
                .baseUnit("bytes").description("Disk taken by unpublished snapshots")
                .register(registry);
        Gauge.builder("configvault.outbox.budget.bytes", outbox, BudgetedOutbox::budgetBytes)
                .baseUnit("bytes").description("The outbox's disk budget").register(registry);
        Gauge.builder("configvault.outbox.damaged", outbox, read(Outbox::damaged))
                .description("Outbox entries that can never be published").register(registry);
        FunctionCounter.builder("configvault.outbox.evicted", outbox, read(Outbox::evicted))
                .description("Unpublished snapshots dropped to respect the budget")
                .register(registry);
    }

    /** Reads a figure; an unreadable outbox gives NaN (the health check reports why). */
    private static ToDoubleFunction<BudgetedOutbox> read(Figure figure) {
        return o -> {
            try {
                return figure.of(o);
            } catch (OutboxException e) {
                return Double.NaN;
            }
        };
    }

    @FunctionalInterface
    private interface Figure {
        double of(BudgetedOutbox outbox) throws OutboxException;
    }
}
