package io.configvault.vault.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One appliance's snapshots in the planner's order (newest first by capture time, then higher
 * sequence, then higher id), with the zone each one's periods are counted in and its period keys,
 * computed once and only for the periods asked for. Snapshots are addressed by their position in
 * this order; a set of snapshots is an ascending array of positions (newest first).
 */
final class Timeline {

    static final Comparator<Candidate> NEWEST_FIRST = Comparator
            .comparing(Candidate::capturedAt)
            .thenComparingLong(Candidate::sequence)
            .thenComparing(Candidate::id)
            .reversed();

    private final Candidate[] snapshots;
    private final ZoneId[] zones;
    private final long[][] keys = new long[CalendarPeriod.values().length][];
    private long[] localSeconds;

    private Timeline(Candidate[] snapshots, ZoneId[] zones) {
        this.snapshots = snapshots;
        this.zones = zones;
    }

    /**
     * @param policyZone the policy's zone, or null to count each snapshot in its own zone
     */
    static Timeline of(List<Candidate> snapshots, ZoneId policyZone, Zones zoneIds) {
        Candidate[] ordered = snapshots.toArray(new Candidate[0]);
        Arrays.sort(ordered, NEWEST_FIRST);
        ZoneId[] zones = new ZoneId[ordered.length];
        for (int i = 0; i < ordered.length; i++) {
            zones[i] = policyZone != null ? policyZone : zoneIds.zone(ordered[i].timeZone());
        }
        return new Timeline(ordered, zones);
    }

    int size() {
        return snapshots.length;
    }

    Candidate get(int position) {
        return snapshots[position];
    }

    Instant captured(int position) {
        return snapshots[position].capturedAt();
    }

    /** The zone the snapshot's periods (and, as the newest, keep-within) are counted in. */
    ZoneId zone(int position) {
        return zones[position];
    }

    /** Every snapshot, newest first. */
    int[] all() {
        int[] all = new int[snapshots.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The period of {@code period} the snapshot at {@code position} was captured in. */
    long key(CalendarPeriod period, int position) {
        long[] periodKeys = keys[period.ordinal()];
        if (periodKeys == null) {
            long[] local = localSeconds();
            periodKeys = new long[local.length];
            for (int i = 0; i < local.length; i++) {
                periodKeys[i] = period.key(local[i]);
            }
            keys[period.ordinal()] = periodKeys;
        }
        return periodKeys[position];
    }

    private long[] localSeconds() {
        if (localSeconds == null) {
            localSeconds = new long[snapshots.length];
            for (int i = 0; i < snapshots.length; i++) {
                Instant captured = snapshots[i].capturedAt();
                localSeconds[i] = captured.getEpochSecond()
                        + zones[i].getRules().getOffset(captured).getTotalSeconds();
            }
        }
        return localSeconds;
    }
}
