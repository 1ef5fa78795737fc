package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Set;

/**
 * One stored snapshot as the catalog indexes it.
 *
 * @param bundleBytes      size of the plaintext bundle (tar)
 * @param bundleSha256     SHA-256 of the plaintext bundle: what every download is checked against
 * @param storedBytes      size of the object in the bucket (OpenPGP ciphertext)
 * @param storedSha256     SHA-256 of that object
 * @param storageKey       fingerprint of the storage key the object is encrypted to
 * @param label            operator label, or null
 * @param retainUntil      the Object Lock retain-until the object was written with, or null when
 *                         it was written without a lock; fixed at the write, never changed
 * @param lockMode         its Object Lock mode, {@code GOVERNANCE} or {@code COMPLIANCE}; null
 *                         exactly when {@code retainUntil} is
 */
public record SnapshotRecord(SnapshotId id, String applianceId, String fleet, long sequence,
                             Trigger trigger, Instant capturedAt, String timeZone, String label,
                             boolean restorable, long bundleBytes, String bundleSha256,
                             long storedBytes, String storedSha256, String objectKey,
                             String storageKey, Instant storedAt, @Nullable Instant retainUntil,
                             @Nullable String lockMode) {

    /** The Object Lock modes S3 knows, as S3 writes them. */
    public static final Set<String> LOCK_MODES = Set.of("GOVERNANCE", "COMPLIANCE");

    public SnapshotRecord {
        if ((retainUntil == null) != (lockMode == null)) {
            throw new IllegalArgumentException("an Object Lock has both a retain-until and a mode,"
                    + " or neither (snapshot " + id + ")");
        }
        if (lockMode != null && !LOCK_MODES.contains(lockMode)) {
            throw new IllegalArgumentException("the Object Lock mode is GOVERNANCE or COMPLIANCE,"
                    + " not '" + lockMode + "' (snapshot " + id + ")");
        }
    }

    /** This row with the Object Lock its object is written with. */
    public SnapshotRecord withLock(Instant until, String mode) {
        return new SnapshotRecord(id, applianceId, fleet, sequence, trigger, capturedAt, timeZone,
                label, restorable, bundleBytes, bundleSha256, storedBytes, storedSha256,
                objectKey, storageKey, storedAt, until, mode);
    }
}
