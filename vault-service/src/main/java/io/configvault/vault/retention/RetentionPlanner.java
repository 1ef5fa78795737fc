package io.configvault.vault.retention;

import io.configvault.vault.config.RetentionSettings;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decides, for one appliance, which snapshots a pass keeps (and by which rules) and which it
 * deletes. Pure: no I/O, the time is a parameter; thread-safe. The semantics, precisely
 * (docs/retention.md has them with worked examples):
 *
 * <ol>
 * <li>Order: newest first by capture time, then higher sequence, then higher id.</li>
 * <li>No policy: everything is kept ({@code no-policy}).</li>
 * <li>Clock guard: when a snapshot was stored more than {@code max-clock-skew} after
 *     {@code now} (the vault's clock is behind) or the newest was captured more than that after
 *     {@code now} (the appliance's clock is ahead), everything is kept ({@code clock-guard}) with
 *     a warning that says which clock and by how much.</li>
 * <li>Rules over a set S of snapshots. Calendar periods are counted in the policy's zone, else
 *     each snapshot's own zone (an unknown zone counts as UTC), on local wall-clock time: hour
 *     {@code 2026-11-21T14}, day {@code 2026-11-21}, ISO week {@code 2026-W47} (Monday first,
 *     week-based year), month {@code 2026-11}, year {@code 2026}. The reference time of every
 *     {@code keep-within*} rule is the capture time of the newest snapshot in S, calendar parts
 *     of the duration counted in that snapshot's zone (as for periods).
 *     <ul>
 *     <li>{@code keep-last N}: the first N of S.</li>
 *     <li>{@code keep-<period> N}: walking S newest first, a snapshot whose period is not yet
 *         one this rule kept a snapshot of is kept, while fewer than N are kept: the newest
 *         snapshot of each of the last N periods that have a snapshot. (Within one zone a
 *         period, once left, never comes back along S; when snapshots carry different zones,
 *         a period whose label comes back is still one period.)</li>
 *     <li>{@code keep-within D}: every snapshot captured at or after reference minus D.</li>
 *     <li>{@code keep-within-<period> D}: the newest snapshot of each period among the snapshots
 *         captured at or after reference minus D.</li>
 *     <li>{@code triggers.T.*}: the same rules over the snapshots of S with trigger T (reference
 *         time still the newest of S).</li>
 *     <li>{@code floor.newest-verified}: the first {@code floor-newest-verified} snapshots of S
 *         that are {@link Candidate#verified()}.</li>
 *     </ul></li>
 * <li>Burst guard: a snapshot is part of a burst when some window of {@code burst-window} (by
 *     stored time, start inclusive, end exclusive) holds it and more than
 *     {@code burst-max-snapshots} snapshots. When there is a burst, step 4 runs over all
 *     snapshots and again over the snapshots outside every burst; a snapshot the second run
 *     keeps gets that rule's reason with the suffix {@code " (burst guard)"} (unless the first
 *     run kept it by the same rule). A burst cannot push out what the rules would keep without
 *     it. A burst is a warning (and {@link AppliancePlan#burstSnapshots()}) whatever the
 *     policy.</li>
 * <li>Always kept, whatever the policy (also with no policy or the clock guard, as further
 *     reasons): stored less than {@code floor-min-age} before {@code now}
 *     ({@code floor.min-age}); held ({@code hold}); locked with retain-until after
 *     {@code now} ({@code object-lock}).</li>
 * <li>Everything else is deleted. Reasons are listed in the order of the rules above: the rules
 *     of step 4 in the order listed there (each either plain or with the burst guard suffix),
 *     trigger rules by trigger in {@link io.configvault.shared.snapshot.Trigger} order.</li>
 * </ol>
 *
 * <p>Cost: O(n log n) for an appliance of n snapshots (two sorts, then linear walks).
 */
public final class RetentionPlanner {

    private static final String BURST_SUFFIX = " (burst guard)";

    private final RetentionSettings settings;
    private final Zones zones = new Zones();

    public RetentionPlanner(RetentionSettings settings) {
        this.settings = settings;
    }

    /**
     * @param policy    the policy that applies to the appliance (the most specific one), or null
     * @param snapshots the appliance's live snapshots, in any order
     * @param now       the vault's clock
     */
    public AppliancePlan plan(String applianceId, @Nullable StoredPolicy policy,
                              List<Candidate> snapshots, Instant now) {
        Timeline timeline = Timeline.of(snapshots,
                policy == null ? null : policy.policy().timeZone(), zones);
        List<String> clocks = ClockGuard.check(applianceId, timeline, now,
                settings.maxClockSkew());
        BurstGuard.Burst burst = BurstGuard.find(timeline, settings.burstWindow(),
                settings.burstMaxSnapshots());
        List<String> warnings = new ArrayList<>(clocks);
        String scope = policy == null ? null : policy.scope().key();
        if (policy == null || !clocks.isEmpty()) {
            if (burst.count() > 0) {
                warnings.add(burstWarning(applianceId, burst, ""));
            }
            String rule = policy == null ? "no-policy" : "clock-guard";
            return decide(applianceId, scope, timeline, now, warnings, burst.count(),
                    position -> List.of(Reason.of(rule)));
        }
        Keeps all = new Keeps(timeline.size());
        RuleWalk.run(timeline, timeline.all(), policy.policy(),
                settings.floorNewestVerified(), all);
        Keeps outside = new Keeps(timeline.size());
        if (burst.count() > 0) {
            warnings.add(burstWarning(applianceId, burst,
                    ": the rules are also applied as if the burst had not happened"));
            RuleWalk.run(timeline, burst.outside(), policy.policy(),
                    settings.floorNewestVerified(), outside);
        }
        return decide(applianceId, scope, timeline, now, warnings, burst.count(),
                position -> ruleReasons(timeline, position, all, outside));
    }

    private AppliancePlan decide(String applianceId, String scope, Timeline timeline,
                                 Instant now, List<String> warnings, int burstSnapshots,
                                 IntFunction<List<Reason>> rules) {
        List<Decision> keep = new ArrayList<>();
        List<Decision> delete = new ArrayList<>();
        Instant youngFrom = now.minus(settings.floorMinAge());
        for (int position = 0; position < timeline.size(); position++) {
            Candidate snapshot = timeline.get(position);
            List<Reason> reasons = new ArrayList<>(rules.apply(position));
            if (snapshot.storedAt().isAfter(youngFrom)) {
                reasons.add(Reason.of("floor.min-age"));
            }
            if (snapshot.held()) {
                reasons.add(Reason.of("hold"));
            }
            if (snapshot.retainUntil() != null && snapshot.retainUntil().isAfter(now)) {
                reasons.add(Reason.of("object-lock"));
            }
            (reasons.isEmpty() ? delete : keep).add(new Decision(snapshot, reasons));
        }
        return new AppliancePlan(applianceId, scope, keep, delete, warnings, burstSnapshots);
    }

    private static List<Reason> ruleReasons(Timeline timeline, int position, Keeps all,
                                            Keeps outside) {
        BitSet plain = all.slots(position);
        BitSet guarded = outside.slots(position);
        if (plain == null && guarded == null) {
            return List.of();
        }
        BitSet slots = new BitSet(RuleWalk.SLOTS);
        if (plain != null) {
            slots.or(plain);
        }
        if (guarded != null) {
            slots.or(guarded);
        }
        List<Reason> reasons = new ArrayList<>(slots.cardinality());
        for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
            String rule = RuleWalk.name(slot);
            if (plain == null || !plain.get(slot)) {
                rule += BURST_SUFFIX;
            }
            CalendarPeriod period = RuleWalk.period(slot);
            reasons.add(new Reason(rule, period == null ? null
                    : period.label(timeline.key(period, position))));
        }
        return reasons;
    }

    private String burstWarning(String applianceId, BurstGuard.Burst burst, String effect) {
        String all = burst.count() == burst.peak() ? ""
                : "; " + burst.count() + " of its snapshots are part of a burst";
        return "appliance " + applianceId + " stored " + burst.peak() + " snapshots within "
                + ClockGuard.text(settings.burstWindow()) + " (more than burst-max-snapshots "
                + settings.burstMaxSnapshots() + ")" + all + effect;
    }
}
