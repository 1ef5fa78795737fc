package io.configvault.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 7, storage, from two {@link StorageDays.Result}s: an appliance after one scheduled
 * day and one after thirty days of the same, unchanged configuration; bytes in the bucket and
 * the ratio between them.
 */
final class StorageFigure {

    static final String ID = "storage";
    /** Target of issue 8: thirty unchanged days store at most 1.05× one snapshot. */
    static final double TARGET_RATIO = 1.05;

    private StorageFigure() {
    }

    static Figure of(StorageDays.Result one, StorageDays.Result many, long contentBytes) {
        double ratio = (double) many.bytes() / one.bytes();
        boolean met = ratio <= TARGET_RATIO;
        List<List<String>> rows = List.of(row(one, 1.0), row(many, ratio));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("contentBytes", contentBytes);
        values.put("oneDayBytes", one.bytes());
        values.put("oneDayObjects", one.objects());
        values.put("days", many.days());
        values.put("daysBytes", many.bytes());
        values.put("daysObjects", many.objects());
        values.put("daysSnapshots", many.snapshots());
        values.put("daysHeartbeats", many.heartbeats());
        values.put("daysCatalogSnapshots", many.listed());
        values.put("ratio", ratio);
        values.put("targetRatio", TARGET_RATIO);
        values.put("targetMet", met);
        List<String> notes = List.of(
                String.format(Locale.ROOT, "A real agent (child JVM) with one %s file of random"
                        + " bytes runs its daily schedule (cron `45 3 * * *`, no jitter, UTC):"
                        + " the agent's own Scheduler, SnapshotCapture, outbox and publisher;"
                        + " its clock jumps to each run time (Scheduler.nextWake) instead of"
                        + " sleeping a day. Each run is a SCHEDULE capture through the real"
                        + " broker into the real vault.", BurstFigure.size(contentBytes)),
                String.format(Locale.ROOT, "Of %d runs, the agent sent %d snapshot(s) and %d"
                        + " heartbeat(s): unchanged content under an automatic trigger becomes a"
                        + " signed heartbeat, which the vault verifies and records as the last"
                        + " sign of life without storing anything. The catalog lists %d"
                        + " snapshot(s) for the appliance.", many.days(), many.snapshots(),
                        many.heartbeats(), many.listed()),
                String.format(Locale.ROOT, "Bytes = sizes of the objects under the appliance's"
                        + " prefix (ListObjectsV2) once the vault has seen the last run."
                        + " Target ≤ %.2f× one snapshot: %s (%.3f×).", TARGET_RATIO,
                        met ? "met" : "missed", ratio));
        return new Figure(ID, "Figure 7: storage, " + many.days() + " unchanged days vs one",
                List.of("Appliance", "Scheduled runs", "Snapshots", "Heartbeats", "Objects",
                        "Bytes stored", "vs one day"), rows, notes, values);
    }

    private static List<String> row(StorageDays.Result r, double ratio) {
        return List.of(r.days() == 1 ? "One day" : r.days() + " days, unchanged",
                BurstFigure.count(r.days()), BurstFigure.count(r.snapshots()),
                BurstFigure.count(r.heartbeats()), BurstFigure.count(r.objects()),
                String.format(Locale.ROOT, "%,d", r.bytes()), String.format(Locale.ROOT,
                        "%.3f×", ratio));
    }
}
