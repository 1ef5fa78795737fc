package io.configvault.capture.status;

import io.configvault.capture.outbox.BudgetedOutbox;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health} detail {@code outbox}: backlog, disk use against the budget, evictions,
 * damaged entries and the agent's last error. DOWN only when the outbox cannot be read; a backlog
 * is normal while the bus is away, and is what the metrics alert on.
 */
@Singleton
final class OutboxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final BudgetedOutbox outbox;
    private final AgentStatus status;

    OutboxHealthIndicator(BudgetedOutbox outbox, AgentStatus status) {
        this.outbox = outbox;
        this.status = status;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.put("snapshots", outbox.depth());
            details.put("bytes", outbox.held().stream().mapToLong(Outbox.Held::sealedBytes).sum());
            details.put("budgetBytes", outbox.budgetBytes());
            details.put("evicted", outbox.evicted());
            details.put("damaged", outbox.damaged());
            status.lastError().ifPresent(error -> details.put("lastError", error));
            healthStatus = HealthStatus.UP;
        } catch (OutboxException e) {
            details.put("error", e.getMessage());
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "outbox";
    }
}
