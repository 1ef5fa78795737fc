package io.configvault.capture.api;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.BudgetedOutbox;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxException;
import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /api/v1/status}: outbox depth, last published snapshot, last error, next and last
 * scheduled run, and whether the latest snapshot is restorable.
 */
@Controller("/api/v1/status")
public final class StatusController {

    private final CaptureProperties capture;
    private final BudgetedOutbox outbox;
    private final AgentStatus status;

    public StatusController(CaptureProperties capture, BudgetedOutbox outbox,
                            AgentStatus status) {
        this.capture = capture;
        this.outbox = outbox;
        this.status = status;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> status() {
        Optional<AgentStatus.Restorability> restorability = status.restorability();
        try {
            return HttpResponse.ok(new StatusResponse(capture.applianceId(), outbox.depth(),
                    outbox.damaged(),
                    outbox.held().stream().mapToLong(Outbox.Held::sealedBytes).sum(),
                    outbox.budgetBytes(), outbox.evicted(),
                    status.lastPublished().map(SnapshotId::toString).orElse(null),
                    status.lastError().orElse(null),
                    status.nextScheduledRun().map(Instant::toString).orElse(null),
                    status.lastScheduledRun().map(Instant::toString).orElse(null),
                    restorability.map(AgentStatus.Restorability::restorable).orElse(null),
                    restorability.map(AgentStatus.Restorability::reason).orElse(null)));
        } catch (OutboxException e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        }
    }
}
