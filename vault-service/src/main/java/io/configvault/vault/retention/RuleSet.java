package io.configvault.vault.retention;

import io.micronaut.core.annotation.Nullable;

/**
 * The keep rules of a policy (or of one trigger's part of it). Counts of 0 and null durations
 * are "rule not set". Semantics (restic's): {@code keep-last N} keeps the newest N snapshots;
 * {@code keep-hourly/daily/weekly/monthly/yearly N} keep the newest snapshot of each of the last N
 * periods that have a snapshot; {@code keep-within D} keeps every snapshot captured within D of
 * the appliance's newest snapshot; {@code keep-within-hourly/... D} keep the newest snapshot of
 * every period within D of the appliance's newest snapshot.
 */
public record RuleSet(int last, int hourly, int daily, int weekly, int monthly, int yearly,
                      @Nullable RetentionDuration within,
                      @Nullable RetentionDuration withinHourly,
                      @Nullable RetentionDuration withinDaily,
                      @Nullable RetentionDuration withinWeekly,
                      @Nullable RetentionDuration withinMonthly,
                      @Nullable RetentionDuration withinYearly) {

    public static final RuleSet NONE = new RuleSet(0, 0, 0, 0, 0, 0, null, null, null, null, null,
            null);

    public RuleSet {
        if (last < 0 || hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
            throw new IllegalArgumentException("rule counts are 0 or more");
        }
    }

    /** True when no rule is set: this rule set keeps nothing. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
