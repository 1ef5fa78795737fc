package io.configvault.vault.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Finds the snapshots of a timeline that are part of a burst: a snapshot is a member when some
 * window {@code [t, t + window)} of stored time holds it and more than {@code maxSnapshots}
 * snapshots. The windows worth looking at start at a stored time (moving a window's start up to
 * its first snapshot loses none of them), so one pass of two pointers over the stored times
 * finds every member.
 */
final class BurstGuard {

    private BurstGuard() {
    }

    /**
     * The burst members.
     *
     * @param members by timeline position
     * @param count   how many snapshots are members
     * @param peak    the most snapshots one window holds (meaningful when count is not 0)
     */
    record Burst(boolean[] members, int count, int peak) {

        /** The positions outside every burst, newest first. */
        int[] outside() {
            int[] rest = new int[members.length - count];
            int next = 0;
            for (int i = 0; i < members.length; i++) {
                if (!members[i]) {
                    rest[next++] = i;
                }
            }
            return rest;
        }
    }

    static Burst find(Timeline timeline, Duration window, int maxSnapshots) {
        int n = timeline.size();
        Integer[] byStored = new Integer[n];
        for (int i = 0; i < n; i++) {
            byStored[i] = i;
        }
        Arrays.sort(byStored, Comparator.comparing(i -> timeline.get(i).storedAt()));
        boolean[] members = new boolean[n];
        int count = 0;
        int peak = 0;
        int end = 0;
        int markedTo = 0;
        for (int start = 0; start < n; start++) {
            Instant limit = timeline.get(byStored[start]).storedAt().plus(window);
            while (end < n && timeline.get(byStored[end]).storedAt().isBefore(limit)) {
                end++;
            }
            int held = end - start;
            if (held > maxSnapshots) {
                peak = Math.max(peak, held);
                for (int k = Math.max(start, markedTo); k < end; k++) {
                    members[byStored[k]] = true;
                    count++;
                }
                markedTo = end;
            }
        }
        return new Burst(members, count, peak);
    }
}
