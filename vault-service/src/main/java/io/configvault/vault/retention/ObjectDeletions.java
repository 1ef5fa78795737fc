package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last two steps of a deletion, for a batch of tombstoned rows: delete each row's object
 * (idempotent: an object already gone is fine), then purge the rows whose objects are gone, in
 * one transaction. A store failure stops the batch: the rows not yet done stay tombstoned for the
 * next pass, never live again. Not thread-safe (a pass runs alone).
 */
final class ObjectDeletions {

    /**
     * What a batch did.
     *
     * @param purged rows whose objects were deleted and which were purged
     * @param failed the rows left tombstoned, each with the reason, when the store failed
     */
    record Outcome(int purged, List<String> failed) {
        Outcome {
            failed = List.copyOf(failed);
        }

        boolean stopped() {
            return !failed.isEmpty();
        }
    }

    private final PruneCatalog catalog;
    private final BlobStore store;
    private final PassFaults faults;

    ObjectDeletions(PruneCatalog catalog, BlobStore store, PassFaults faults) {
        this.catalog = catalog;
        this.store = store;
        this.faults = faults;
    }

    /** Deletes the objects of tombstoned rows, then purges those rows. */
    Outcome finish(List<SnapshotRecord> tombstoned) throws CatalogException {
        List<SnapshotId> gone = new ArrayList<>(tombstoned.size());
        List<String> failed = new ArrayList<>();
        for (SnapshotRecord row : tombstoned) {
            if (!failed.isEmpty()) {
                failed.add(left(row, "not attempted after the store failed"));
                continue;
            }
            try {
                store.delete(row.objectKey());
                gone.add(row.id());
            } catch (StoreException e) {
                // Reports reach the API: name the snapshot, not the object key.
                failed.add(left(row, String.valueOf(e.getMessage())
                        .replace("object " + row.objectKey(), "the object")
                        .replace(row.objectKey(), "the object")));
            }
        }
        if (!gone.isEmpty()) {
            faults.reach(PassFaults.Point.AFTER_DELETE);
        }
        int purged = gone.isEmpty() ? 0 : catalog.purge(gone);
        return new Outcome(purged, failed);
    }

    private static String left(SnapshotRecord row, String reason) {
        return "snapshot " + row.id() + " of appliance " + row.applianceId()
                + " stays tombstoned until the next pass: " + reason;
    }
}
