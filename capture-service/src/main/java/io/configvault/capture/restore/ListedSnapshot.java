package io.configvault.capture.restore;

import io.configvault.shared.snapshot.SnapshotId;

/**
 * A snapshot as the vault lists it: the identity to restore and the bundle's size and SHA-256,
 * which the downloaded bundle must match.
 *
 * @param sizeBytes size of the plaintext bundle (tar)
 * @param sha256    its lower-case hex SHA-256, as the vault's catalog records it
 */
record ListedSnapshot(SnapshotId id, String applianceId, String trigger, String capturedAt,
                      String label, boolean restorable, long sizeBytes, String sha256) {

    ListedSnapshot {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative bundle size");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bundle SHA-256 is not lower-case hex");
        }
    }

    /** "0193… (CHANGE, captured 2025-…Z)", for the operator. */
    String describe() {
        return id + " (" + trigger + ", captured " + capturedAt
                + (label == null ? "" : ", label \"" + label + "\"") + ")";
    }
}
