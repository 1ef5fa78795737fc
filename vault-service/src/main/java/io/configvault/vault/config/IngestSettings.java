package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code vault.ingest.*}: limits of reassembling segments into snapshots, per partition. Each
 * open snapshot costs one spool file and one segment in memory at a time, so these bound the
 * spool, the open files and the time a stalled snapshot holds back the partition's commit. The
 * size limit is {@code vault.max-snapshot-bytes} ({@link StorageSettings}).
 *
 * @param maxSegmentsPerSnapshot       most segments one snapshot may announce (default 65536:
 *                                     a 1 GiB snapshot in 16 KiB segments, or 64 MiB in the
 *                                     agent's smallest, 1 KiB); more is quarantined
 * @param maxOpenSnapshotsPerPartition most snapshots being reassembled at once on one partition
 *                                     (default 64); a further one is quarantined
 * @param reassemblyTimeout            how long a snapshot may stay incomplete, counted from its
 *                                     first segment, once the partition has been read to its
 *                                     end (default 10 minutes); it is then dropped and
 *                                     quarantined and the commit moves past it
 */
@ConfigurationProperties("vault.ingest")
public record IngestSettings(
        @Bindable(defaultValue = "65536") @Min(1) int maxSegmentsPerSnapshot,
        @Bindable(defaultValue = "64") @Min(1) @Max(100_000) int maxOpenSnapshotsPerPartition,
        @Bindable(defaultValue = "PT10M") @NotNull Duration reassemblyTimeout,
        @Bindable(defaultValue = "4") @Min(1) @Max(64) int parallelPartitions) {

    public IngestSettings {
        if (reassemblyTimeout == null || reassemblyTimeout.isNegative()
                || reassemblyTimeout.isZero()) {
            throw new IllegalArgumentException("Cannot start vault: vault.ingest.reassembly-timeout"
                    + " must be positive, e.g. PT10M");
        }
    }
}
