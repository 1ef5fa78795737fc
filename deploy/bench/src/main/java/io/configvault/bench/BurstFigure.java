package io.configvault.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figure 2, the fleet burst, from its {@link BurstResult}: the table, notes and values. */
final class BurstFigure {

    static final String ID = "fleet-burst";

    private BurstFigure() {
    }

    static Figure of(BurstResult r) {
        double vaultSeconds = BurstResult.seconds(r.vaultNanos());
        double rawSeconds = BurstResult.seconds(r.rawPutNanos());
        double mib = r.mebibytes();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ConfigVault (publish → listed)", count(r.appliances()), fixed(mib, 0),
                fixed(vaultSeconds, 2), fixed(mib / vaultSeconds, 1), "1.00×"));
        rows.add(List.of("Raw S3 PUT, AWS SDK v2, " + r.putThreads() + " threads (the limit)",
                count(r.appliances()), fixed(mib, 0), fixed(rawSeconds, 2),
                fixed(mib / rawSeconds, 1), ratio(rawSeconds / vaultSeconds)));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("appliances", r.appliances());
        values.put("snapshotBytes", r.snapshotBytes());
        values.put("vaultSeconds", vaultSeconds);
        values.put("vaultMiBPerSecond", mib / vaultSeconds);
        Percentiles latency = Percentiles.of(r.vaultLatencies());
        values.put("vaultListedAfterAckMsP50", latency.at(50));
        values.put("vaultListedAfterAckMsP95", latency.at(95));
        values.put("vaultListedAfterAckMsP99", latency.at(99));
        values.put("rawPutSeconds", rawSeconds);
        values.put("rawPutMiBPerSecond", mib / rawSeconds);
        values.put("rawPutThreads", r.putThreads());
        values.put("vaultThroughputVsRawPut", rawSeconds / vaultSeconds);
        List<String> notes = new ArrayList<>();
        notes.add("ConfigVault: " + r.appliances() + " enrolled appliances each publish one sealed,"
                + " signed snapshot through the broker; wall time from the first publish until the"
                + " API lists every one.");
        notes.add(String.format(Locale.ROOT, "Each snapshot was listed %d / %d / %d ms (p50 / p95"
                + " / p99) after the broker acknowledged its last segment (100 ms polling).",
                latency.at(50), latency.at(95), latency.at(99)));
        CpuUse cpu = r.vaultCpu();
        double vaultCpuSeconds = BurstResult.seconds(cpu.processCpuNanos());
        values.put("machineBusyDuringBurst", cpu.machineBusy());
        values.put("vaultCpuSecondsDuringBurst", vaultCpuSeconds);
        notes.add(String.format(Locale.ROOT, "What bounds it: from the first publish until all"
                + " were listed the machine's processors were %.0f%% busy; the vault used %.1f s"
                + " of CPU in those %.1f s (%.2f processors: decrypting and verifying, encrypting"
                + " at rest, digests), the rest went to the simulator's publishing, the broker and"
                + " s3proxy on the same machine.", cpu.machineBusy() * 100, vaultCpuSeconds,
                vaultSeconds, vaultCpuSeconds / vaultSeconds));
        notes.add(String.format(Locale.ROOT, "Vault vs raw PUT: the vault ingests at %.2f× the"
                + " raw PUT's throughput (target ≥ 0.8× is for large snapshots, figure 3).",
                rawSeconds / vaultSeconds));
        if (r.resticSnapshots() > 0) {
            double resticSeconds = BurstResult.seconds(r.resticNanos());
            double fleetSeconds = r.resticFleetSeconds();
            double resticMib = r.mebibytes(r.resticSnapshots());
            rows.add(List.of("restic 0.14, one `restic backup` per file",
                    count(r.resticSnapshots()), fixed(resticMib, 0), fixed(resticSeconds, 2),
                    fixed(resticMib / resticSeconds, 1), ratio(fleetSeconds / vaultSeconds)
                            + (r.resticExtrapolated() ? " (scaled)" : "")));
            values.put("resticSnapshots", r.resticSnapshots());
            values.put("resticSeconds", resticSeconds);
            values.put("resticInitSeconds", BurstResult.seconds(r.resticInitNanos()));
            values.put("resticMiBPerSecond", resticMib / resticSeconds);
            values.put("resticFleetSeconds", fleetSeconds);
            values.put("resticFleetExtrapolated", r.resticExtrapolated());
            values.put("vaultSpeedupVsRestic", fleetSeconds / vaultSeconds);
            notes.add(String.format(Locale.ROOT, "Vault vs restic: restic takes %.1f× as long"
                    + " for the fleet (target ≥ 20×)%s; its `init` (%.2f s) is not counted.",
                    fleetSeconds / vaultSeconds, r.resticExtrapolated() ? ", its time for "
                            + r.resticSnapshots() + " files scaled linearly to "
                            + r.appliances() + " (a lower bound for restic)" : "",
                    BurstResult.seconds(r.resticInitNanos())));
            double[] trend = r.resticTrendSeconds();
            values.put("resticFirstTenthSecondsPerBackup", trend[0]);
            values.put("resticLastTenthSecondsPerBackup", trend[1]);
            notes.add(String.format(Locale.ROOT, "restic's time per backup: %.2f s over the"
                    + " first tenth of its backups, %.2f s over the last tenth.", trend[0],
                    trend[1]));
            notes.add("restic 0.14 (Debian) worked against s3proxy as is: repository"
                    + " `s3:http://127.0.0.1:<port>/bench-restic`, credentials and password file"
                    + " from the environment, no option needed.");
        } else {
            notes.add("restic was not run (BENCH_RESTIC_SNAPSHOTS=0).");
        }
        return new Figure(ID, "Figure 2: fleet burst, " + count(r.appliances()) + " appliances × "
                + size(r.snapshotBytes()), List.of("System", "Snapshots", "MiB", "Wall time (s)",
                "MiB/s", "Time vs vault"), rows, notes, values);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String count(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** {@code 1 GiB}, {@code 1 MiB}, {@code 64 KiB}, {@code 1000 B}. */
    static String size(long bytes) {
        if (bytes % (1024 * 1024 * 1024) == 0) {
            return bytes / (1024 * 1024 * 1024) + " GiB";
        }
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
