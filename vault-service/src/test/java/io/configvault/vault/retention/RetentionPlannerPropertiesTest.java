package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.retention.RetentionArbitraries.Scenario;
import io.configvault.vault.retention.RetentionArbitraries.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * QUALITY.md scenarios 21 and 22 as properties over random timelines, zones, policies and
 * settings (see {@link RetentionArbitraries}): the planner agrees with a plain reference
 * statement of the semantics, never deletes what a rule, floor, hold or lock promised, cannot be
 * flooded, and deletes nothing when the clocks disagree.
 */
class RetentionPlannerPropertiesTest {

    private static final String APPLIANCE = "nas-1";

    @Provide
    Arbitrary<Scenario> scenarios() {
        return RetentionArbitraries.scenarios();
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void agreesWithTheReferenceImplementation(@ForAll("scenarios") Scenario s) {
        AppliancePlan plan = plan(s);
        AppliancePlan expected = new ReferencePlanner(s.settings())
                .plan(APPLIANCE, s.policy(), s.snapshots(), s.now());

        assertThat(verdicts(plan.keep())).isEqualTo(verdicts(expected.keep()));
        assertThat(ids(plan.delete())).isEqualTo(ids(expected.delete()));
        assertThat(plan.burstSnapshots()).isEqualTo(expected.burstSnapshots());
        assertThat(plan.warnings()).hasSameSizeAs(expected.warnings());
        assertThat(plan.policy()).isEqualTo(expected.policy());
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void neverDeletesWhatWasPromised(@ForAll("scenarios") Scenario s) {
        AppliancePlan plan = plan(s);
        Set<SnapshotId> deleted = new HashSet<>(ids(plan.delete()));
        if (s.policy() == null) {
            assertThat(deleted).isEmpty();
            return;
        }
        ReferencePlanner reference = new ReferencePlanner(s.settings());
        List<Candidate> ordered = reference.newestFirst(s.snapshots());
        Set<SnapshotId> promised = new HashSet<>();
        RetentionPolicy policy = s.policy().policy();
        promisedByRules(ordered, ordered, policy.rules(), policy, promised);
        policy.triggers().forEach((trigger, rules) -> promisedByRules(ordered,
                ordered.stream().filter(c -> c.trigger() == trigger).toList(), rules, policy,
                promised));
        ordered.stream().filter(Candidate::verified).limit(s.settings().floorNewestVerified())
                .forEach(c -> promised.add(c.id()));
        Instant young = s.now().minus(s.settings().floorMinAge());
        for (Candidate c : ordered) {
            if (c.held() || c.storedAt().isAfter(young)
                    || (c.retainUntil() != null && c.retainUntil().isAfter(s.now()))) {
                promised.add(c.id());
            }
        }

        deleted.retainAll(promised);
        assertThat(deleted).as("promised but deleted").isEmpty();
    }

    /** keep-last N: the newest N; keep-within D: captured within D of the newest of all. */
    private static void promisedByRules(List<Candidate> all, List<Candidate> subset,
                                        RuleSet rules, RetentionPolicy policy,
                                        Set<SnapshotId> promised) {
        subset.stream().limit(rules.last()).forEach(c -> promised.add(c.id()));
        if (rules.within() != null && !all.isEmpty()) {
            Candidate newest = all.get(0);
            Instant cutoff = rules.within().before(newest.capturedAt(),
                    ReferencePlanner.zone(newest, policy));
            subset.stream().filter(c -> !c.capturedAt().isBefore(cutoff))
                    .forEach(c -> promised.add(c.id()));
        }
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void decidesEverySnapshotOnce(@ForAll("scenarios") Scenario s) {
        AppliancePlan plan = plan(s);
        List<SnapshotId> decided = new ArrayList<>(ids(plan.keep()));
        decided.addAll(ids(plan.delete()));

        assertThat(decided).containsExactlyInAnyOrderElementsOf(
                s.snapshots().stream().map(Candidate::id).toList());
        assertThat(plan.keep()).allSatisfy(d -> assertThat(d.reasons()).isNotEmpty());
        assertThat(plan.delete()).allSatisfy(d -> assertThat(d.reasons()).isEmpty());
        List<Candidate> order = new ReferencePlanner(s.settings()).newestFirst(s.snapshots());
        assertThat(plan.keep().stream().map(Decision::snapshot).toList())
                .isEqualTo(order.stream().filter(c -> ids(plan.keep()).contains(c.id()))
                        .toList());
        assertThat(plan.delete().stream().map(Decision::snapshot).toList())
                .isEqualTo(order.stream().filter(c -> deleted(plan).contains(c.id())).toList());
    }

    /** A flood: more than burst-max-snapshots in one window, after the timeline. */
    record Flood(Scenario calm, List<Candidate> junk, Instant now) {
    }

    @Provide
    Arbitrary<Flood> floods() {
        return Combinators.combine(RetentionArbitraries.scenarios(),
                Arbitraries.integers().between(1, 40),
                Arbitraries.longs().between(0, 10 * 86_400),
                Arbitraries.doubles().between(0, 1).list().ofSize(200),
                Arbitraries.longs().between(1, 2 * 86_400).list().ofSize(200),
                RetentionArbitraries.steps(), RetentionArbitraries.nowShifts())
                .as(RetentionPlannerPropertiesTest::flood);
    }

    private static Flood flood(Scenario s, int extra, long pause, List<Double> offsets,
                               List<Long> captureDelays, List<Step> shapes, long nowShift) {
        Set<SnapshotId> bursts = new ReferencePlanner(s.settings()).burstMembers(s.snapshots());
        List<Candidate> calm = s.snapshots().stream().filter(c -> !bursts.contains(c.id()))
                .toList();
        Duration window = s.settings().burstWindow();
        Instant lastStored = calm.stream().map(Candidate::storedAt).max(Instant::compareTo)
                .orElse(s.now());
        Instant newestCapture = calm.stream().map(Candidate::capturedAt)
                .max(Instant::compareTo).orElse(s.now());
        Instant from = lastStored.plus(window).plusSeconds(pause);
        int size = s.settings().burstMaxSnapshots() + extra;
        List<Candidate> junk = new ArrayList<>();
        Instant latest = from;
        for (int i = 0; i < size; i++) {
            Instant stored = from.plusMillis((long) (offsets.get(i) * (window.toMillis() - 1)));
            latest = stored.isAfter(latest) ? stored : latest;
            Step shape = shapes.isEmpty() ? null : shapes.get(i % shapes.size());
            junk.add(new Candidate(RetentionArbitraries.id(1_000_000 + i), 1_000_000 + i,
                    shape == null ? Trigger.CHANGE : shape.trigger(),
                    newestCapture.plusSeconds(captureDelays.get(i)), stored, "UTC", false,
                    shape != null && shape.verified(), null));
        }
        return new Flood(s.with(calm, s.now()), junk, latest.plusSeconds(nowShift));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aJunkFloodEvictsNothing(@ForAll("floods") Flood flood) {
        Scenario calm = flood.calm().with(flood.calm().snapshots(), flood.now());
        List<Candidate> flooded = Stream.concat(calm.snapshots().stream(), flood.junk().stream())
                .toList();
        Set<SnapshotId> keptBefore = new HashSet<>(ids(plan(calm).keep()));
        AppliancePlan after = plan(calm.with(flooded, flood.now()));

        assertThat(after.burstSnapshots()).isGreaterThanOrEqualTo(flood.junk().size());
        assertThat(after.warnings()).anyMatch(w -> w.contains("burst-max-snapshots"));
        assertThat(ids(after.keep())).containsAll(keptBefore);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void theClockGuardDeletesNothing(@ForAll("scenarios") Scenario s,
                                     @ForAll("aheads") long ahead,
                                     @ForAll("appliancesAhead") boolean applianceAhead) {
        if (s.snapshots().isEmpty()) {
            return;
        }
        List<Candidate> snapshots = new ArrayList<>(s.snapshots());
        int pick = (int) (ahead % snapshots.size());
        Candidate c = snapshots.get(pick);
        Instant future = s.now().plus(s.settings().maxClockSkew()).plusSeconds(ahead);
        snapshots.set(pick, new Candidate(c.id(), c.sequence(), c.trigger(),
                applianceAhead ? future : c.capturedAt(), applianceAhead ? c.storedAt() : future,
                c.timeZone(), c.held(), c.verified(), c.retainUntil()));
        AppliancePlan plan = plan(s.with(snapshots, s.now()));

        assertThat(plan.delete()).isEmpty();
        String rule = s.policy() == null ? "no-policy" : "clock-guard";
        assertThat(plan.keep()).allSatisfy(d -> assertThat(d.reasons().get(0).rule())
                .isEqualTo(rule));
        assertThat(plan.warnings()).anyMatch(w -> w.contains(applianceAhead
                ? "the appliance's clock is ahead" : "the vault's clock is behind"));
    }

    @Provide
    Arbitrary<Long> aheads() {
        return Arbitraries.longs().between(1, 10 * 86_400);
    }

    @Provide
    Arbitrary<Boolean> appliancesAhead() {
        return Arbitraries.of(true, false);
    }

    private static AppliancePlan plan(Scenario s) {
        return new RetentionPlanner(s.settings()).plan(APPLIANCE, s.policy(), s.snapshots(),
                s.now());
    }

    private static List<SnapshotId> ids(List<Decision> decisions) {
        return decisions.stream().map(d -> d.snapshot().id()).toList();
    }

    private static Set<SnapshotId> deleted(AppliancePlan plan) {
        return plan.delete().stream().map(d -> d.snapshot().id()).collect(Collectors.toSet());
    }

    private static List<Map.Entry<SnapshotId, List<Reason>>> verdicts(List<Decision> kept) {
        return kept.stream().map(d -> Map.entry(d.snapshot().id(), d.reasons())).toList();
    }
}
