package io.configvault.bench;

import static io.configvault.bench.LargeSnapshotFigure.mib;
import static io.configvault.bench.LargeSnapshotFigure.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figure 6, the agent's memory idle and during the 1 GiB capture, from a {@link LargeResult}. */
final class AgentFootprintFigure {

    static final String ID = "agent-footprint";

    private AgentFootprintFigure() {
    }

    static Figure of(LargeResult r, long idleSettleMillis) {
        String xmx = "-Xmx" + mib(r.agentMaxHeapBytes()).replace(" MiB", "m");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RSS idle (" + BurstFigure.fixed(idleSettleMillis / 1000.0, 0)
                + " s after its API answered)", mib(r.agentIdleRssBytes()), ""));
        rows.add(List.of("Peak RSS during the " + BurstFigure.size(r.payloadBytes())
                + " capture and publish (VmRSS, 50 ms samples)", mib(r.agentPeakRssBytes()), ""));
        rows.add(List.of("RSS high-water mark, whole life (VmHWM)", mib(r.agentHwmBytes()), ""));
        rows.add(List.of("Heap high-water mark during capture and publish (GC log)",
                mib(r.agentHeap().peakBytes()) + " of " + mib(r.agentMaxHeapBytes()),
                "live after GC ≤ " + mib(r.agentHeap().liveBytes())));
        rows.add(List.of("The " + BurstFigure.size(r.payloadBytes()) + " capture in " + xmx,
                "succeeded, listed by the vault", verdict(true, "runs in " + xmx)));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("agentMaxHeapBytes", r.agentMaxHeapBytes());
        values.put("agentIdleRssBytes", r.agentIdleRssBytes());
        values.put("agentPeakRssBytes", r.agentPeakRssBytes());
        values.put("agentHwmBytes", r.agentHwmBytes());
        values.put("agentHeapPeakBytes", r.agentHeap().peakBytes());
        values.put("agentHeapLiveBytes", r.agentHeap().liveBytes());
        values.put("agentHeapGcPauses", r.agentHeap().pauses());
        values.put("payloadBytes", r.payloadBytes());
        values.put("captureSeconds", BurstResult.seconds(r.captureNanos()));
        values.put("publishSeconds", BurstResult.seconds(r.publishNanos()));
        List<String> notes = List.of(
                "The agent (capture-service) runs as a child JVM with " + xmx + " and backs up"
                        + " one file of random bytes; Linux's /proc/<pid>/status gives VmRSS and"
                        + " VmHWM.",
                "RSS counts the whole process, not only the heap: the JVM itself, metaspace,"
                        + " code cache, thread stacks, the Kafka producer's and NIO's native"
                        + " buffers.",
                String.format(Locale.ROOT, "Heap: largest heap in use before a GC pause in the"
                        + " agent's own GC log (-Xlog:gc), %d pauses during the capture and"
                        + " publish.", r.agentHeap().pauses()));
        return new Figure(ID, "Figure 6: agent footprint, " + BurstFigure.size(r.payloadBytes())
                + " capture with " + xmx, List.of("Measurement", "Value", "Against"), rows,
                notes, values);
    }
}
