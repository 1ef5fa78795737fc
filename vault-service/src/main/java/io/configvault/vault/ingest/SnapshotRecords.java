package io.configvault.vault.ingest;

import io.configvault.shared.bundle.Manifest;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import java.time.Instant;
import java.util.Map;
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
     * The row for an object that a previous attempt stored: same snapshot, and the bundle digest
     * in its metadata equals the one just verified. Empty when the object holds something else.
     */
    static Optional<SnapshotRecord> fromExisting(BlobStore store, SnapshotRecord attempted)
            throws StoreException {
        Optional<BlobStore.BlobInfo> head = store.head(attempted.objectKey());
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> metadata = head.get().metadata();
        if (!attempted.bundleSha256().equals(metadata.get(ObjectMetadata.BUNDLE_SHA256))
                || metadata.get(ObjectMetadata.STORED_SHA256) == null
                || metadata.get(ObjectMetadata.STORAGE_KEY) == null) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotRecord(attempted.id(), attempted.applianceId(),
                attempted.fleet(), attempted.sequence(), attempted.trigger(),
                attempted.capturedAt(), attempted.timeZone(), attempted.label(),
                attempted.restorable(), attempted.bundleBytes(), attempted.bundleSha256(),
                head.get().size(), metadata.get(ObjectMetadata.STORED_SHA256),
                attempted.objectKey(), metadata.get(ObjectMetadata.STORAGE_KEY),
                attempted.storedAt()));
    }
}
