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
 */
record BurstResult(int appliances, long snapshotBytes, long vaultNanos, long[] vaultLatencies,
                   long rawPutNanos, int putThreads, int resticSnapshots, long resticNanos,
                   long resticInitNanos) {

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

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
