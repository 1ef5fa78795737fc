package io.configvault.vault.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@value #ERRORS}{@code {operation, kind}} (Prometheus {@code configvault_s3_errors_total}):
 * failed requests to the bucket by {@link Operation} and kind — {@code unavailable} (network,
 * 5xx, throttling: retried) or {@code refused} (403, missing bucket, anything that will not pass
 * by itself). A create-only PUT that finds an object in place is not an error. Every combination
 * is registered at zero, so that an alert on its increase works from the first failure.
 * Thread-safe.
 */
public final class StoreMetrics {

    static final String ERRORS = "configvault.s3.errors";

    /** What the vault asked of the bucket. */
    enum Operation {
        CREATE, HEAD, DOWNLOAD, LIST, DELETE, LEGAL_HOLD;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Operation, Counter> unavailable = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> refused = new EnumMap<>(Operation.class);

    public StoreMetrics(MeterRegistry registry) {
        for (Operation operation : Operation.values()) {
            unavailable.put(operation, counter(registry, operation, "unavailable"));
            refused.put(operation, counter(registry, operation, "refused"));
        }
    }

    private static Counter counter(MeterRegistry registry, Operation operation, String kind) {
        return Counter.builder(ERRORS)
                .description("Failed requests to the bucket, by operation and kind")
                .tag("operation", operation.tag()).tag("kind", kind).register(registry);
    }

    void failed(Operation operation, StoreException e) {
        (e instanceof StoreUnavailableException ? unavailable : refused).get(operation)
                .increment();
    }
}
