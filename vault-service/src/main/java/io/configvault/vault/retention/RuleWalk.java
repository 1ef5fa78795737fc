package io.configvault.vault.retention;

import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One run of a policy's rules over a set of snapshots: marks, per rule slot, the snapshots it
 * keeps. Slots are numbered in the order reasons are listed: the twelve rules over every snapshot
 * (keep-last, keep-hourly ... keep-yearly, keep-within, keep-within-hourly ... keep-within-yearly),
 * the same twelve for each trigger in {@link Trigger} order, then {@code floor.newest-verified}.
 * Linear in the size of the set for each rule that is set.
 */
final class RuleWalk {

    /** Rules in one rule set. */
    static final int RULES = 12;
    static final int FLOOR_SLOT = RULES * (1 + Trigger.values().length);
    static final int SLOTS = FLOOR_SLOT + 1;

    private static final int LAST = 0;
    private static final int CALENDAR = 1;
    private static final int WITHIN = 6;
    private static final int WITHIN_CALENDAR = 7;
    private static final CalendarPeriod[] PERIODS = CalendarPeriod.values();
    private static final String[] NAMES = names();

    private RuleWalk() {
    }

    /** The rule name a slot's reasons carry, e.g. {@code triggers.MANUAL.keep-within}. */
    static String name(int slot) {
        return NAMES[slot];
    }

    /** The period a slot's rule counts in, or null for a rule without periods. */
    static CalendarPeriod period(int slot) {
        if (slot == FLOOR_SLOT) {
            return null;
        }
        int rule = slot % RULES;
        if (rule >= CALENDAR && rule < WITHIN) {
            return PERIODS[rule - CALENDAR];
        }
        return rule >= WITHIN_CALENDAR ? PERIODS[rule - WITHIN_CALENDAR] : null;
    }

    /**
     * Runs every rule of the policy, and the newest-verified floor, over {@code set} (positions
     * in the timeline, newest first). The reference time of the keep-within rules is the capture
     * time of the set's first snapshot, calendar parts counted in that snapshot's zone.
     */
    static void run(Timeline timeline, int[] set, RetentionPolicy policy, int newestVerified,
                    Keeps keeps) {
        if (set.length == 0) {
            return;
        }
        Instant reference = timeline.captured(set[0]);
        ZoneId zone = timeline.zone(set[0]);
        Walk walk = new Walk(timeline, reference, zone, keeps);
        walk.rules(set, policy.rules(), 0);
        for (Trigger trigger : Trigger.values()) {
            RuleSet rules = policy.triggers().get(trigger);
            if (rules != null) {
                walk.rules(ofTrigger(timeline, set, trigger), rules,
                        RULES * (1 + trigger.ordinal()));
            }
        }
        int verified = 0;
        for (int i = 0; i < set.length && verified < newestVerified; i++) {
            if (timeline.get(set[i]).verified()) {
                keeps.keep(set[i], FLOOR_SLOT);
                verified++;
            }
        }
    }

    private static int[] ofTrigger(Timeline timeline, int[] set, Trigger trigger) {
        int count = 0;
        int[] subset = new int[set.length];
        for (int position : set) {
            if (timeline.get(position).trigger() == trigger) {
                subset[count++] = position;
            }
        }
        return Arrays.copyOf(subset, count);
    }

    private record Walk(Timeline timeline, Instant reference, ZoneId zone, Keeps keeps) {

        void rules(int[] set, RuleSet rules, int base) {
            for (int i = 0; i < Math.min(rules.last(), set.length); i++) {
                keeps.keep(set[i], base + LAST);
            }
            int[] counts = {rules.hourly(), rules.daily(), rules.weekly(), rules.monthly(),
                rules.yearly()};
            for (CalendarPeriod period : PERIODS) {
                int count = counts[period.ordinal()];
                if (count > 0) {
                    calendar(set, set.length, period, count, base + CALENDAR + period.ordinal());
                }
            }
            if (rules.within() != null) {
                int end = withinEnd(set, rules.within());
                for (int i = 0; i < end; i++) {
                    keeps.keep(set[i], base + WITHIN);
                }
            }
            RetentionDuration[] within = {rules.withinHourly(), rules.withinDaily(),
                rules.withinWeekly(), rules.withinMonthly(), rules.withinYearly()};
            for (CalendarPeriod period : PERIODS) {
                RetentionDuration duration = within[period.ordinal()];
                if (duration != null) {
                    calendar(set, withinEnd(set, duration), period, Integer.MAX_VALUE,
                            base + WITHIN_CALENDAR + period.ordinal());
                }
            }
        }

        /** Keeps the newest snapshot of each of the first {@code count} periods seen. */
        private void calendar(int[] set, int end, CalendarPeriod period, int count, int slot) {
            // Within one zone keys never increase along the set, so comparing with the last kept
            // key decides almost always; the set covers snapshots whose zones differ.
            Set<Long> seen = new HashSet<>();
            long last = 0;
            for (int i = 0; i < end && seen.size() < count; i++) {
                long key = timeline.key(period, set[i]);
                if ((seen.isEmpty() || key != last) && seen.add(key)) {
                    keeps.keep(set[i], slot);
                    last = key;
                }
            }
        }

        /** How many of the set (a prefix: it is newest first) are captured within the rule. */
        private int withinEnd(int[] set, RetentionDuration duration) {
            Instant cutoff = duration.before(reference, zone);
            int end = 0;
            while (end < set.length && !timeline.captured(set[end]).isBefore(cutoff)) {
                end++;
            }
            return end;
        }
    }

    private static String[] names() {
        String[] rules = new String[RULES];
        rules[LAST] = "keep-last";
        rules[WITHIN] = "keep-within";
        for (CalendarPeriod period : PERIODS) {
            rules[CALENDAR + period.ordinal()] = "keep-" + period.adjective();
            rules[WITHIN_CALENDAR + period.ordinal()] = "keep-within-" + period.adjective();
        }
        String[] names = new String[SLOTS];
        System.arraycopy(rules, 0, names, 0, RULES);
        for (Trigger trigger : Trigger.values()) {
            for (int rule = 0; rule < RULES; rule++) {
                names[RULES * (1 + trigger.ordinal()) + rule] = "triggers." + trigger.name()
                        + "." + rules[rule];
            }
        }
        names[FLOOR_SLOT] = "floor.newest-verified";
        return names;
    }
}
