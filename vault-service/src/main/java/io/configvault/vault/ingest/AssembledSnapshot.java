package io.configvault.vault.ingest;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Path;

/**
 * A sealed snapshot whose segments all arrived, in order, with the announced length and SHA-256.
 * Nothing in it is trusted yet: it has not been decrypted or verified.
 */
public record AssembledSnapshot(String applianceId, SnapshotId snapshotId, Path sealedFile,
                                long sealedBytes, String sealedSha256) {
}
