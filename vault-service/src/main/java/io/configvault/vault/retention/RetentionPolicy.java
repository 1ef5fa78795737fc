package io.configvault.vault.retention;

import io.configvault.shared.snapshot.Trigger;
import io.micronaut.core.annotation.Nullable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A retention policy: rules over all of an appliance's snapshots, plus rules over the snapshots
 * of one trigger only (e.g. keep every {@code MANUAL} snapshot for 365 days). A snapshot is kept
 * if any rule keeps it.
 *
 * @param rules    rules over every snapshot
 * @param triggers rules over the snapshots of one trigger, computed among those snapshots only
 * @param timeZone the zone calendar periods are counted in; null: each snapshot's own zone (from
 *                 its manifest)
 */
public record RetentionPolicy(RuleSet rules, Map<Trigger, RuleSet> triggers,
                              @Nullable ZoneId timeZone) {

    public RetentionPolicy {
        EnumMap<Trigger, RuleSet> copy = new EnumMap<>(Trigger.class);
        triggers.forEach((trigger, set) -> {
            if (!set.isEmpty()) {
                copy.put(trigger, set);
            }
        });
        triggers = java.util.Collections.unmodifiableMap(copy);
    }

    /** True when no rule is set anywhere: the policy keeps nothing by itself. */
    public boolean isEmpty() {
        return rules.isEmpty() && triggers.isEmpty();
    }

    /**
     * The durations this policy promises to keep a snapshot of {@code trigger} for: its
     * {@code keep-within} rules (over all snapshots, and over that trigger's). Object Lock's
     * retain-until is the snapshot's stored-at plus the longest of them (and at least the
     * minimum-age floor): counted on the vault's clock, never the appliance's.
     */
    public List<RetentionDuration> guaranteedLifetimes(Trigger trigger) {
        List<RetentionDuration> lifetimes = new ArrayList<>(2);
        if (rules.within() != null) {
            lifetimes.add(rules.within());
        }
        RuleSet own = triggers.get(trigger);
        if (own != null && own.within() != null) {
            lifetimes.add(own.within());
        }
        return lifetimes;
    }
}
