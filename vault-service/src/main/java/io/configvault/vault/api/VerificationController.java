package io.configvault.vault.api;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.verify.SnapshotGoneException;
import io.configvault.vault.verify.SnapshotVerifier;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;

/**
 * Restore drills on demand. {@code POST /snapshots/{id}/verify} answers 200 with the recorded
 * outcome whether it is {@code ok} or {@code failed}: the request succeeded, the outcome is its
 * answer (and a failure is also an alarm and a metric). 400 malformed id, 404 unknown id, 503
 * bucket unreachable (nothing verified or recorded).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class VerificationController {

    private final Catalog catalog;
    private final VerificationLog log;
    private final SnapshotVerifier verifier;
    private final FleetGuard guard;

    VerificationController(Catalog catalog, VerificationLog log, SnapshotVerifier verifier,
                           FleetGuard guard) {
        this.catalog = catalog;
        this.log = log;
        this.verifier = verifier;
        this.guard = guard;
    }

    @Allowed(Role.OPERATOR)
    @Audited(value = "snapshot.verify", target = "snapshotId")
    @Throttled
    @Post("/snapshots/{snapshotId}/verify")
    VerificationView verify(@PathVariable String snapshotId, HttpRequest<?> request)
            throws CatalogException, IOException {
        SnapshotRecord snapshot = SnapshotLookup.find(catalog, snapshotId, guard, request,
                "snapshot.verify");
        try {
            return VerificationView.of(verifier.verify(snapshot, Verification.Trigger.API));
        } catch (StoreUnavailableException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The bucket is unavailable; snapshot " + snapshot.id()
                            + " was not verified. Try again later.");
        } catch (SnapshotGoneException e) {
            throw ApiProblem.notFound("Snapshot " + snapshot.id() + " was deleted by retention"
                    + " while it was being verified.");
        }
    }

    @Allowed(Role.VIEWER)
    @Get("/snapshots/{snapshotId}/verification")
    VerificationView latest(@PathVariable String snapshotId, HttpRequest<?> request)
            throws CatalogException {
        SnapshotRecord snapshot = SnapshotLookup.find(catalog, snapshotId, guard, request,
                "snapshot.verification");
        return log.latestVerification(snapshot.id()).map(VerificationView::of)
                .orElseThrow(() -> ApiProblem.notFound("Snapshot " + snapshot.id()
                        + " has not been verified yet."));
    }
}
