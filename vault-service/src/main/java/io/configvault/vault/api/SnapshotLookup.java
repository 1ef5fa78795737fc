package io.configvault.vault.api;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.micronaut.http.HttpRequest;

/**
 * Resolves a snapshot id from a request path: malformed → 400, unknown → 404, and a snapshot of
 * a fleet the caller cannot see → the same 404 (audited by {@link FleetGuard}).
 */
final class SnapshotLookup {

    private SnapshotLookup() {
    }

    static SnapshotRecord find(Catalog catalog, String snapshotId) throws CatalogException {
        SnapshotId id = parse(snapshotId);
        return catalog.snapshot(id).orElseThrow(() -> missing(id));
    }

    /** Like {@link #find(Catalog, String)}, for the caller of {@code request} only. */
    static SnapshotRecord find(Catalog catalog, String snapshotId, FleetGuard guard,
                               HttpRequest<?> request, String action) throws CatalogException {
        SnapshotRecord snapshot = find(catalog, snapshotId);
        guard.require(request, snapshot.fleet(), action, snapshot.id().toString(),
                missing(snapshot.id()));
        return snapshot;
    }

    private static SnapshotId parse(String snapshotId) {
        try {
            return SnapshotId.parse(snapshotId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid snapshot id.");
        }
    }

    private static ApiProblem missing(SnapshotId id) {
        return ApiProblem.notFound("No snapshot " + id + ".");
    }
}
