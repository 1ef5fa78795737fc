package io.configvault.bench;

/**
 * The raw measurements of the fleet burst (figure 2).
 *
 * @param appliances        simulated appliances, one snapshot each
 * @param snapshotBytes     size of each appliance's configuration file
 * @param vaultNanos        first publish until the vault listed every snapshot
 * @param vaultLatencies    per snapshot, ms from its last segment's acknowledgement until listed
 * @param rawPutNanos       the raw PUT of the same files
 * @param putThreads        concurrent requests of the raw PUT
 * @param resticSnapshots   how many of the files restic backed up (0: not run)
 * @param resticNanos       restic's backups, one after the other (init not included)
 * @param resticInitNanos   {@code restic init}
 * @param resticBackupNanos each of restic's backups, in the order run
 * @param vaultCpu          the machine's and the vault's CPU from the first publish until the
 *                          vault listed every snapshot
 */
record BurstResult(int appliances, long snapshotBytes, long vaultNanos, long[] vaultLatencies,
                   long rawPutNanos, int putThreads, int resticSnapshots, long resticNanos,
                   long resticInitNanos, long[] resticBackupNanos, CpuUse vaultCpu) {

    /** The payload of the whole fleet in MiB. */
    double mebibytes() {
        return mebibytes(appliances);
    }

    double mebibytes(int snapshots) {
        return snapshots * (double) snapshotBytes / (1024 * 1024);
    }

    /**
     * restic's time for the whole fleet: measured when it backed up every file, else its
     * measured time scaled linearly to the fleet (a lower bound: restic's per-backup time grows
     * with the repository).
     */
    double resticFleetSeconds() {
        return seconds(resticNanos) * appliances / resticSnapshots;
    }

    boolean resticExtrapolated() {
        return resticSnapshots > 0 && resticSnapshots < appliances;
    }

    /**
     * Mean seconds of the first and of the last tenth of restic's backups (at least one each):
     * whether its time per backup grew as its repository did.
     */
    double[] resticTrendSeconds() {
        int n = resticBackupNanos.length;
        int tenth = Math.max(1, n / 10);
        return new double[] {mean(0, tenth), mean(n - tenth, n)};
    }

    private double mean(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += resticBackupNanos[i];
        }
        return seconds(sum) / Math.max(1, to - from);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
