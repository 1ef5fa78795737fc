package io.configvault.vault.ingest;

import io.configvault.vault.config.IngestSettings;
import io.configvault.vault.config.StorageSettings;
import java.time.Duration;

/**
 * What one {@link PartitionAssembler} accepts; see {@link IngestSettings} for the meaning and
 * defaults.
 *
 * @param maxSnapshotBytes {@code vault.max-snapshot-bytes}
 * @param maxSegments      {@code vault.ingest.max-segments-per-snapshot}
 * @param maxOpen          {@code vault.ingest.max-open-snapshots-per-partition}
 * @param timeout          {@code vault.ingest.reassembly-timeout}
 */
record ReassemblyLimits(long maxSnapshotBytes, int maxSegments, int maxOpen, Duration timeout) {

    static ReassemblyLimits of(StorageSettings storage, IngestSettings ingest) {
        return new ReassemblyLimits(storage.maxSnapshotBytes(), ingest.maxSegmentsPerSnapshot(),
                ingest.maxOpenSnapshotsPerPartition(), ingest.reassemblyTimeout());
    }
}
