package io.configvault.capture.api;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.Labels;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.shared.snapshot.Trigger;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /api/v1/snapshots}: takes a MANUAL snapshot now and answers 202 once it is in the
 * outbox (not yet published). A capture already running finishes first.
 */
@Controller("/api/v1/snapshots")
public final class SnapshotController {

    private final SnapshotCapture capture;

    public SnapshotController(SnapshotCapture capture) {
        this.capture = capture;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> takeSnapshot(@Body @Nullable SnapshotRequest request) {
        String label = request == null ? null : request.label();
        String problem = Labels.problem(label);
        if (problem != null) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Cannot take snapshot: " + problem);
        }
        try {
            CapturedSnapshot snapshot = capture.capture(Trigger.MANUAL, label);
            return HttpResponse.accepted().body(new SnapshotAccepted(
                    snapshot.snapshotId().toString(), snapshot.trigger().name(),
                    snapshot.sequence()));
        } catch (CaptureException e) {
            HttpStatus status = e.kind() == CaptureException.Kind.TOO_LARGE
                    ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.SERVICE_UNAVAILABLE;
            return Problem.response(status, e.getMessage());
        }
    }
}
