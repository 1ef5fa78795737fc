package io.configvault.vault.api;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;

/** Resolves a snapshot id from a request path: malformed → 400, unknown → 404. */
final class SnapshotLookup {

    private SnapshotLookup() {
    }

    static SnapshotRecord find(Catalog catalog, String snapshotId) throws CatalogException {
        SnapshotId id;
        try {
            id = SnapshotId.parse(snapshotId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid snapshot id.");
        }
        return catalog.snapshot(id)
                .orElseThrow(() -> ApiProblem.notFound("No snapshot " + id + "."));
    }
}
