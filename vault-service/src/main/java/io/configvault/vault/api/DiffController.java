package io.configvault.vault.api;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.diff.SnapshotDiff;
import io.configvault.vault.diff.SnapshotDiffer;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;

/**
 * {@code GET /snapshots/{from}/diff/{to}}: what changed from one snapshot to another (any two
 * the caller may see, of one appliance or two). Operator: the diff shows configuration values.
 * 400 malformed id; 404 unknown snapshot or one of a fleet the caller may not see (the same
 * answer, audited as {@code not-found} or {@code denied}); 500 a snapshot failed verification;
 * 503 bucket unreachable. The {@code snapshot.diff} audit record is written before the answer.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DiffController {

    static final String ACTION = "snapshot.diff";

    private final Catalog catalog;
    private final SnapshotDiffer differ;
    private final ApiAudit audit;

    DiffController(Catalog catalog, SnapshotDiffer differ, ApiAudit audit) {
        this.catalog = catalog;
        this.differ = differ;
        this.audit = audit;
    }

    @Allowed(Role.OPERATOR)
    @Get("/snapshots/{from}/diff/{to}")
    HttpResponse<SnapshotDiff> diff(HttpRequest<?> request, @PathVariable String from,
                                    @PathVariable String to)
            throws CatalogException, IOException, StoreException {
        SnapshotId fromId = parse(from);
        SnapshotId toId = parse(to);
        String target = fromId + ".." + toId;
        SnapshotRecord older = visible(request, fromId, target);
        SnapshotRecord newer = visible(request, toId, target);
        SnapshotDiff diff;
        try {
            diff = differ.diff(older, newer);
        } catch (IntegrityException e) {
            audit.record(request, ACTION, target, "failed", "a snapshot failed verification");
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Integrity Check Failed",
                    "A snapshot of the diff failed verification; nothing was released.");
        } catch (StoreUnavailableException e) {
            audit.record(request, ACTION, target, "failed", "bucket unavailable");
            throw ApiProblem.unavailable("The bucket is unavailable; try the diff again later.");
        }
        audit.record(request, ACTION, target, "ok", diff.changed().size() + " entries changed, "
                + diff.added().size() + " added, " + diff.removed().size() + " removed"
                + (diff.truncated() ? ", truncated" : ""));
        return HttpResponse.ok(diff).header("Cache-Control", "no-store");
    }

    private static SnapshotId parse(String snapshotId) {
        try {
            return SnapshotId.parse(snapshotId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid snapshot id.");
        }
    }

    /** The snapshot, or the same 404 whether it is unknown or of a fleet the caller may not see. */
    private SnapshotRecord visible(HttpRequest<?> request, SnapshotId id, String target)
            throws CatalogException {
        var snapshot = catalog.snapshot(id);
        if (snapshot.isEmpty()) {
            audit.record(request, ACTION, target, "not-found", "no snapshot " + id);
        } else if (!Caller.of(request).canSee(snapshot.get().fleet())) {
            audit.record(request, ACTION, target, "denied", "snapshot " + id
                    + " is of a fleet the caller may not see");
        } else {
            return snapshot.get();
        }
        throw ApiProblem.notFound("No snapshot " + id + ".");
    }
}
