package io.configvault.bench;

/**
 * The raw measurements of the 1 GiB snapshot (figures 3 and 6), times in ns, sizes in bytes.
 *
 * @param payloadBytes        the agent's source file
 * @param captureNanos        agent API trigger until the snapshot is sealed in its outbox
 * @param publishNanos        from then until the broker acknowledged its last segment
 * @param endToEndNanos       agent API trigger until the vault's API lists it
 * @param vaultIngestNanos    the vault's own {@code configvault_ingest_latency_seconds
 *                            {since="first-segment"}}: its first segment read until its catalog
 *                            row
 * @param afterPublishedNanos last segment acknowledged until listed
 * @param rawPutNanos         the raw multipart PUT of the source file
 * @param vaultHeap           the vault's heap from the trigger until listed
 * @param vaultPeakRssBytes   the vault's largest RSS sampled from the trigger until listed
 * @param vaultHwmBytes       the vault's {@code VmHWM} (whole life)
 * @param agentIdleRssBytes   the agent's RSS after start-up, settled
 * @param agentPeakRssBytes   the agent's largest RSS sampled during capture and publish
 * @param agentHwmBytes       the agent's {@code VmHWM} (whole life)
 * @param agentHeap           the agent's heap during capture and publish
 * @param agentMaxHeapBytes   the agent's {@code -Xmx}
 * @param vaultMaxHeapBytes   the vault's {@code -Xmx}
 */
record LargeResult(long payloadBytes, long captureNanos, long publishNanos, long endToEndNanos,
                   long vaultIngestNanos, long afterPublishedNanos, long rawPutNanos,
                   GcLog.Window vaultHeap, long vaultPeakRssBytes, long vaultHwmBytes,
                   long agentIdleRssBytes, long agentPeakRssBytes, long agentHwmBytes,
                   GcLog.Window agentHeap, long agentMaxHeapBytes, long vaultMaxHeapBytes) {

    static final double MIB = 1024 * 1024;

    double mebibytes() {
        return payloadBytes / MIB;
    }

    /** MiB/s of the payload over {@code nanos}. */
    double throughput(long nanos) {
        return mebibytes() / BurstResult.seconds(nanos);
    }

    /** The vault's ingest throughput as a share of the raw PUT's (target ≥ 0.8). */
    double ingestVsRaw() {
        return (double) rawPutNanos / vaultIngestNanos;
    }
}
