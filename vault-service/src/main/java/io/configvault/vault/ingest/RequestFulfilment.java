package io.configvault.vault.ingest;

import io.configvault.shared.bundle.Manifest;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.SnapshotRequestCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a snapshot request fulfilled when a stored snapshot's signed manifest names it: the
 * request's row of the manifest's appliance (the event's, checked against the enrolment), so an
 * appliance can only fulfil its own part. Runs right after the snapshot's row is recorded — and
 * again on every redelivery of a recorded snapshot — so a crash between the two, or a failure of
 * this step (transient: the snapshot is retried, finds its row and comes here again), still ends
 * with the request fulfilled; the first snapshot wins, repeating is harmless.
 */
final class RequestFulfilment {

    /** For ingestors without snapshot requests (tools, tests): does nothing. */
    static final RequestFulfilment NONE = new RequestFulfilment(null);

    private static final Logger LOG = LoggerFactory.getLogger(RequestFulfilment.class);

    private final SnapshotRequestCatalog requests;

    RequestFulfilment(SnapshotRequestCatalog requests) {
        this.requests = requests;
    }

    /** Fulfils the request {@code manifest} names, if any, by the snapshot of {@code row}. */
    void record(Manifest manifest, SnapshotRecord row) throws CatalogException {
        if (requests == null || manifest.requestId() == null) {
            return;
        }
        if (requests.fulfil(manifest.requestId(), manifest.applianceId(), manifest.snapshotId(),
                row.storedAt())) {
            LOG.info("Snapshot request {} of appliance {} is fulfilled by snapshot {}",
                    manifest.requestId(), manifest.applianceId(), manifest.snapshotId());
        }
    }
}
