package io.configvault.vault.ingest;

import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the object a create-only PUT found in place (412: a crash between the PUT and
 * the catalog row, or a second instance) is the snapshot being ingested. Metadata is not enough,
 * since anyone who can write to the bucket can write metadata: the candidate row is built from
 * the object's metadata and then the object itself goes through the full retrieval check
 * (download, decrypt with the storage key, storage key's signature, bundle digest, manifest
 * identity). A mismatch is an ERROR "ALARM" line and an alarm metric, and the caller quarantines
 * the event — never a silent success. Thread-safe.
 */
final class ExistingObjects {

    private static final Logger LOG = LoggerFactory.getLogger(ExistingObjects.class);

    /** What the object in place turned out to be. */
    sealed interface Verdict {
        /** This snapshot, verified: its row as the object's metadata describes it. */
        record Same(SnapshotRecord row) implements Verdict {
        }

        /** Something else, or nothing readable; the reason names no content. */
        record Differs(String reason) implements Verdict {
        }
    }

    private final BlobStore store;
    private final SnapshotRetriever retriever;
    private final IngestMetrics metrics;

    ExistingObjects(BlobStore store, SnapshotRetriever retriever, IngestMetrics metrics) {
        this.store = store;
        this.retriever = retriever;
        this.metrics = metrics;
    }

    /**
     * @param what      the snapshot, for messages ("snapshot … of appliance …")
     * @param attempted the row the ingest would have recorded for its own upload
     * @throws StoreException when the bucket cannot be read (transient for the caller); also
     *                        when the object vanished since the 412, so that the PUT is retried
     * @throws IOException    when the spool fails
     */
    Verdict check(String what, SnapshotRecord attempted) throws StoreException, IOException {
        Optional<BlobStore.BlobInfo> head = store.head(attempted.objectKey());
        if (head.isEmpty()) {
            throw new StoreUnavailableException("Cannot ingest " + what + ": the bucket answered"
                    + " that its object exists (412), then that it does not; retrying", null);
        }
        SnapshotRecord candidate;
        try {
            candidate = SnapshotRecords.fromExisting(head.get(), attempted);
        } catch (IllegalArgumentException e) {
            return differs(what, e.getMessage());
        }
        try {
            retriever.retrieve(candidate).discard();
        } catch (IntegrityException e) {
            return differs(what, e.getMessage());
        }
        LOG.info("{} was already in the bucket (an earlier attempt stored it); its content"
                + " verifies, recording its row from its metadata", what);
        return new Verdict.Same(candidate);
    }

    private Verdict differs(String what, String problem) {
        metrics.alarm(IngestMetrics.Alarm.EXISTING_OBJECT_DIFFERS);
        LOG.error("ALARM: the bucket already holds an object under the key of {} that is not this"
                + " snapshot ({}); it is kept untouched and the event is quarantined", what,
                problem);
        return new Verdict.Differs("an object with other content is stored under this"
                + " snapshot's key: " + problem);
    }
}
