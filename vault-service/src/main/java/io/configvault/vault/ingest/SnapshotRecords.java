package io.configvault.vault.ingest;

import io.configvault.shared.bundle.Manifest;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.store.BlobStore;
import java.time.Instant;

/** Builds catalog rows from a verified manifest, or from an object already in the bucket. */
final class SnapshotRecords {

    private SnapshotRecords() {
    }

    /** The row of a snapshot stored now, without a lock ({@link LockTerms} adds it). */
    static SnapshotRecord of(Manifest manifest, String fleet, long bundleBytes,
                             String bundleSha256, AtRestWriter.Written written, Instant now) {
        return new SnapshotRecord(manifest.snapshotId(), manifest.applianceId(), fleet,
                manifest.sequence(), manifest.trigger(), manifest.capturedAt(),
                manifest.timeZone().getId(), manifest.label(), manifest.restorable(), bundleBytes,
                bundleSha256, written.bytes(), written.sha256(),
                ObjectKeys.snapshot(fleet, manifest.applianceId(), manifest.snapshotId()),
                written.storageKey(), now, null, null);
    }

    /**
     * The row for an object that a previous attempt stored, from the object's own metadata
     * ({@link ObjectMetadata#parse}): it must describe the same snapshot and appliance and carry
     * the bundle digest just verified. The caller still checks the object's content before
     * trusting this row.
     *
     * @throws IllegalArgumentException naming what does not match, or the unreadable field
     */
    static SnapshotRecord fromExisting(BlobStore.BlobInfo existing, SnapshotRecord attempted) {
        SnapshotRecord candidate = ObjectMetadata.parse(attempted.objectKey(), existing.size(),
                existing.metadata());
        if (!candidate.id().equals(attempted.id())
                || !candidate.applianceId().equals(attempted.applianceId())) {
            throw new IllegalArgumentException("its metadata names snapshot " + candidate.id()
                    + " of appliance " + candidate.applianceId());
        }
        if (!candidate.bundleSha256().equals(attempted.bundleSha256())) {
            throw new IllegalArgumentException("its metadata names bundle SHA-256 "
                    + candidate.bundleSha256() + ", the verified bundle has "
                    + attempted.bundleSha256());
        }
        return candidate;
    }
}
