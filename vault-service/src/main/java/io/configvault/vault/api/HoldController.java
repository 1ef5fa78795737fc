package io.configvault.vault.api;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retention.Holds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Set;

/**
 * Holds (admin): {@code PUT /snapshots/{id}/hold} with {@code {"reason": "..."}} places (or
 * re-words) a hold, {@code DELETE} releases it (see {@link Holds}). 400 malformed id or reason,
 * 404 unknown snapshot (or one a pass is deleting; or, for DELETE, no hold), 503 when Object
 * Lock is required and the store did not set or lift the object's legal hold — the snapshot then
 * stays held in the catalog.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class HoldController {

    private final Catalog catalog;
    private final Holds holds;
    private final FleetGuard guard;

    HoldController(Catalog catalog, Holds holds, FleetGuard guard) {
        this.catalog = catalog;
        this.holds = holds;
        this.guard = guard;
    }

    @Allowed(Role.ADMIN)
    @Put("/snapshots/{snapshotId}/hold")
    @Consumes(MediaType.APPLICATION_JSON)
    HoldView place(@PathVariable String snapshotId, @Body @Nullable byte[] body,
                   HttpRequest<?> request) throws CatalogException {
        String reason = JsonBody.parse(body, Set.of("reason")).optional("reason");
        String problem = Holds.reasonProblem(reason);
        if (problem != null) {
            throw ApiProblem.badRequest(capitalized(problem) + ".");
        }
        SnapshotRecord snapshot = SnapshotLookup.find(catalog, snapshotId, guard, request,
                "hold.place");
        return switch (holds.place(snapshot, reason, Caller.of(request).name(),
                ApiAudit.source(request))) {
            case Holds.Placement.Placed placed -> HoldView.of(placed.hold());
            case Holds.Placement.NotLive gone -> throw ApiProblem.notFound("Snapshot "
                    + snapshot.id() + " is being deleted by retention and cannot be held.");
            case Holds.Placement.LegalHoldFailed failed -> throw ApiProblem.unavailable(
                    "Snapshot " + snapshot.id() + " is held in the catalog, but the bucket did"
                            + " not set its Object Lock legal hold; try again later.");
        };
    }

    @Allowed(Role.ADMIN)
    @Delete("/snapshots/{snapshotId}/hold")
    HttpResponse<?> release(@PathVariable String snapshotId, HttpRequest<?> request)
            throws CatalogException {
        SnapshotRecord snapshot = SnapshotLookup.find(catalog, snapshotId, guard, request,
                "hold.release");
        return switch (holds.release(snapshot, Caller.of(request).name(),
                ApiAudit.source(request))) {
            case Holds.Release.Released released -> HttpResponse.noContent();
            case Holds.Release.NotHeld none -> throw ApiProblem.notFound("Snapshot "
                    + snapshot.id() + " has no hold.");
            case Holds.Release.LegalHoldFailed failed -> throw ApiProblem.unavailable(
                    "The bucket did not lift the Object Lock legal hold of snapshot "
                            + snapshot.id() + "; it stays held. Try again later.");
        };
    }

    private static String capitalized(String problem) {
        return Character.toUpperCase(problem.charAt(0)) + problem.substring(1);
    }
}
