package io.configvault.vault.ingest;

import io.configvault.shared.bundle.Manifest;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import java.time.Instant;
import java.util.Optional;

/** Builds catalog rows from a verified manifest, or from an object already in the bucket. */
final class SnapshotRecords {

    private SnapshotRecords() {
    }

    static SnapshotRecord of(Manifest manifest, String fleet, long bundleBytes,
                             String bundleSha256, AtRestWriter.Written written, Instant now) {
        return new SnapshotRecord(manifest.snapshotId(), manifest.applianceId(), fleet,
                manifest.sequence(), manifest.trigger(), manifest.capturedAt(),
                manifest.timeZone().getId(), manifest.label(), manifest.restorable(), bundleBytes,
                bundleSha256, written.bytes(), written.sha256(),
                ObjectKeys.snapshot(fleet, manifest.applianceId(), manifest.snapshotId()),
                written.storageKey(), now);
    }

    /**
     * The row for an object that a previous attempt stored, from the object's own metadata: it
     * must describe the same snapshot and appliance, and carry the bundle digest just verified.
     * Empty when the object holds something else or its metadata is unreadable. The caller still
     * checks the object's content before trusting this row.
     */
    static Optional<SnapshotRecord> fromExisting(BlobStore store, SnapshotRecord attempted)
            throws StoreException {
        Optional<BlobStore.BlobInfo> head = store.head(attempted.objectKey());
        if (head.isEmpty()) {
            return Optional.empty();
        }
        SnapshotRecord existing;
        try {
            existing = ObjectMetadata.parse(attempted.objectKey(), head.get().size(),
                    head.get().metadata());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!existing.id().equals(attempted.id())
                || !existing.applianceId().equals(attempted.applianceId())
                || !existing.bundleSha256().equals(attempted.bundleSha256())) {
            return Optional.empty();
        }
        return Optional.of(existing);
    }
}
