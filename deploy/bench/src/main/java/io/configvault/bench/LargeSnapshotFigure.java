package io.configvault.bench;

import static io.configvault.bench.BurstFigure.fixed;
import static io.configvault.bench.BurstFigure.ratio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 3, the 1 GiB snapshot's throughput through the vault against a raw multipart PUT to the
 * same S3 server, and the vault's memory meanwhile, from a {@link LargeResult}.
 */
final class LargeSnapshotFigure {

    static final String ID = "large-snapshot";
    static final double TARGET_VS_RAW = 0.8;

    private LargeSnapshotFigure() {
    }

    static Figure of(LargeResult r, List<String> bounds) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(timed("Raw multipart PUT, AWS SDK v2, 16 MiB parts (the limit)", r,
                r.rawPutNanos(), "1.00× raw"));
        rows.add(timed("Vault ingest: first segment read → listed", r, r.vaultIngestNanos(),
                ratio(r.ingestVsRaw()) + " raw: " + verdict(r.ingestVsRaw() >= TARGET_VS_RAW,
                        "≥ " + ratio(TARGET_VS_RAW))));
        rows.add(timed("Vault: last segment acknowledged → listed", r, r.afterPublishedNanos(),
                ratio((double) r.rawPutNanos() / r.afterPublishedNanos()) + " raw"));
        rows.add(timed("End to end: agent API trigger → listed", r, r.endToEndNanos(),
                ratio((double) r.rawPutNanos() / r.endToEndNanos()) + " raw"));
        rows.add(timed("  of which agent capture and seal (→ in its outbox)", r,
                r.captureNanos(), ""));
        rows.add(timed("  of which agent publish (→ broker acknowledged)", r, r.publishNanos(),
                ""));
        rows.add(List.of("Vault heap high-water mark during the ingest",
                mib(r.vaultHeap().peakBytes()) + " of " + mib(r.vaultMaxHeapBytes()), "",
                heapVerdict(r)));
        rows.add(List.of("Vault peak RSS during the ingest (VmRSS, 50 ms samples)",
                mib(r.vaultPeakRssBytes()), "", "whole life (VmHWM): "
                        + mib(r.vaultHwmBytes())));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("payloadBytes", r.payloadBytes());
        values.put("rawPutSeconds", BurstResult.seconds(r.rawPutNanos()));
        values.put("rawPutMiBPerSecond", r.throughput(r.rawPutNanos()));
        values.put("vaultIngestSeconds", BurstResult.seconds(r.vaultIngestNanos()));
        values.put("vaultIngestMiBPerSecond", r.throughput(r.vaultIngestNanos()));
        values.put("vaultIngestVsRawPut", r.ingestVsRaw());
        values.put("vaultAfterPublishedSeconds", BurstResult.seconds(r.afterPublishedNanos()));
        values.put("endToEndSeconds", BurstResult.seconds(r.endToEndNanos()));
        values.put("agentCaptureSeconds", BurstResult.seconds(r.captureNanos()));
        values.put("agentPublishSeconds", BurstResult.seconds(r.publishNanos()));
        values.put("vaultHeapPeakBytes", r.vaultHeap().peakBytes());
        values.put("vaultHeapLiveBytes", r.vaultHeap().liveBytes());
        values.put("vaultHeapGcPauses", r.vaultHeap().pauses());
        values.put("vaultMaxHeapBytes", r.vaultMaxHeapBytes());
        values.put("vaultPeakRssBytes", r.vaultPeakRssBytes());
        values.put("vaultHwmBytes", r.vaultHwmBytes());
        List<String> notes = new ArrayList<>();
        notes.add("One real agent (capture-service, -Xmx" + mib(r.agentMaxHeapBytes()).replace(
                " MiB", "m") + ") backs up one " + fixed(r.mebibytes(), 0) + " MiB file of random"
                + " bytes; the bench triggers it through the agent's API and polls the vault's API"
                + " every 100 ms until it lists the snapshot.");
        notes.add("Vault ingest is the vault's own metric configvault_ingest_latency_seconds"
                + "{since=\"first-segment\"}: from reading the first of the snapshot's segments"
                + " (while the agent still publishes) to its catalog row; it includes reassembly,"
                + " decryption and signature check, the bundle check, encryption at rest and the"
                + " create-only multipart upload.");
        notes.add(String.format(Locale.ROOT, "Vault heap: the largest heap in use before a GC"
                + " pause (the vault's own GC log, -Xlog:gc, 1 MiB resolution) from the trigger"
                + " until listed, %d pauses counted; at most %s was in use right after a pause that"
                + " emptied what it collected (an upper bound of the live data: a young pause"
                + " leaves the old generation's garbage).",
                r.vaultHeap().pauses(), mib(r.vaultHeap().liveBytes())));
        notes.add("Raw PUT: the same file to the same s3proxy, parts one after the other as the"
                + " vault sends them, no digest or encryption of ours.");
        notes.addAll(bounds);
        return new Figure(ID, "Figure 3: large snapshot throughput, "
                + BurstFigure.size(r.payloadBytes()), List.of("Measurement", "Value", "MiB/s",
                "Against"), rows, notes, values);
    }

    private static List<String> timed(String what, LargeResult r, long nanos, String vsRaw) {
        return List.of(what, fixed(BurstResult.seconds(nanos), 2) + " s",
                fixed(r.throughput(nanos), 1), vsRaw);
    }

    /**
     * The heap cannot pass its {@code -Xmx}; a peak within 2% of it means the vault ran out of
     * room (collections that free nothing, full GCs) rather than met the target.
     */
    static String heapVerdict(LargeResult r) {
        boolean atLimit = r.vaultHeap().peakBytes() >= r.vaultMaxHeapBytes() * 0.98;
        return atLimit ? "MISSED: the heap was full (target ≤ 256 MiB with room)"
                : verdict(r.vaultHeap().peakBytes() <= 256 * LargeResult.MIB, "≤ 256 MiB");
    }

    static String mib(long bytes) {
        return fixed(bytes / LargeResult.MIB, 0) + " MiB";
    }

    static String verdict(boolean met, String target) {
        return (met ? "met" : "MISSED") + " (target " + target + ")";
    }
}
