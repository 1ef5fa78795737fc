package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;

/**
 * One stored snapshot as the catalog indexes it.
 *
 * @param bundleBytes      size of the plaintext bundle (tar)
 * @param bundleSha256     SHA-256 of the plaintext bundle: what every download is checked against
 * @param storedBytes      size of the object in the bucket (OpenPGP ciphertext)
 * @param storedSha256     SHA-256 of that object
 * @param storageKey       fingerprint of the storage key the object is encrypted to
 * @param label            operator label, or null
 */
public record SnapshotRecord(SnapshotId id, String applianceId, String fleet, long sequence,
                             Trigger trigger, Instant capturedAt, String timeZone, String label,
                             boolean restorable, long bundleBytes, String bundleSha256,
                             long storedBytes, String storedSha256, String objectKey,
                             String storageKey, Instant storedAt) {
}
