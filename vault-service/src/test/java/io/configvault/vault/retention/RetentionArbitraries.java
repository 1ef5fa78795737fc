package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.config.RetentionSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random retention scenarios for the planner's properties: timelines of 0 to 150 snapshots with
 * dense bursts, ordinary gaps, long gaps and power-offs, capture times that differ from stored
 * times (queued deliveries, clocks off), several zones (and unknown ones), DST changes and
 * year ends near the start; random policies (per-trigger rules, with or without a zone),
 * holds, verification, Object Lock dates, settings and clocks.
 */
final class RetentionArbitraries {

    static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York",
            "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "Mars/Olympus_Mons");
    private static final List<Instant> NEAR = List.of(
            Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
            Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-10-03T15:30:00Z"),
            Instant.parse("2026-12-31T12:00:00Z"), Instant.parse("2027-01-03T12:00:00Z"));
    private static final long DAY = 86_400;

    private RetentionArbitraries() {
    }

    /** A planner input: settings, policy (or none), the appliance's snapshots, the clock. */
    record Scenario(RetentionSettings settings, StoredPolicy policy, List<Candidate> snapshots,
                    Instant now) {

        Scenario with(List<Candidate> others, Instant otherNow) {
            return new Scenario(settings, policy, others, otherNow);
        }
    }

    /** One snapshot of a timeline, relative to the one before. */
    record Step(long gapSeconds, long captureShiftSeconds, String zone, Trigger trigger,
                boolean held, boolean verified, Long retainSeconds, boolean sameSequence) {
    }

    static Arbitrary<Scenario> scenarios() {
        return Combinators.combine(settings(), policies(), starts(), steps(), nowShifts())
                .as((settings, policy, start, steps, nowShift) -> {
                    List<Candidate> snapshots = timeline(start.getKey(), start.getValue(), steps,
                            0);
                    Instant last = snapshots.stream().map(Candidate::storedAt)
                            .max(Instant::compareTo).orElse(start.getKey());
                    return new Scenario(settings, policy, snapshots, last.plusSeconds(nowShift));
                });
    }

    static Arbitrary<RetentionSettings> settings() {
        return Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(2, Arbitraries.longs().between(0, 3 * DAY))),
                Arbitraries.integers().between(1, 30),
                Arbitraries.longs().between(60, 6 * 3600),
                Arbitraries.longs().between(0, 1800))
                .as((verified, minAge, burstMax, window, skew) -> new RetentionSettings(true,
                        Duration.ofHours(1), verified, Duration.ofSeconds(minAge), burstMax,
                        Duration.ofSeconds(window), Duration.ofSeconds(skew), "governance"));
    }

    static Arbitrary<StoredPolicy> policies() {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZONES.subList(0, 5)).map(ZoneId::of);
        return Combinators.combine(ruleSets(),
                Arbitraries.maps(Arbitraries.of(Trigger.class), ruleSets()).ofMaxSize(3),
                zones.injectNull(0.5))
                .as((rules, triggers, zone) -> new StoredPolicy(new PolicyScope.Fleet("f1"),
                        new RetentionPolicy(rules, triggers, zone), Instant.EPOCH, "test"))
                .injectNull(0.1);
    }

    static Arbitrary<RuleSet> ruleSets() {
        Arbitrary<Integer> counts = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 10)),
                Tuple.of(1, Arbitraries.integers().between(11, 60)));
        Arbitrary<RetentionDuration> durations = Combinators.combine(part(1), part(13),
                part(90), part(72)).as(RetentionDuration::new)
                .filter(d -> !d.isZero()).injectNull(0.7);
        return Combinators.combine(counts.list().ofSize(6), durations.list().ofSize(6))
                .as((c, d) -> new RuleSet(c.get(0), c.get(1), c.get(2), c.get(3), c.get(4),
                        c.get(5), d.get(0), d.get(1), d.get(2), d.get(3), d.get(4), d.get(5)));
    }

    private static Arbitrary<Integer> part(int max) {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, max)));
    }

    /** The first stored time (anywhere in 2025-2029, or just before a DST change or year end)
     * and the timeline's own zone. */
    static Arbitrary<java.util.Map.Entry<Instant, String>> starts() {
        Arbitrary<Instant> anywhere = Arbitraries.longs()
                .between(Instant.parse("2025-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2029-12-31T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
        Arbitrary<Instant> near = Combinators.combine(Arbitraries.of(NEAR),
                Arbitraries.longs().between(0, 4 * DAY)).as(Instant::minusSeconds);
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(3, anywhere),
                Tuple.of(2, near)), Arbitraries.of(ZONES)).as(java.util.Map::entry);
    }

    static Arbitrary<List<Step>> steps() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.longs().between(0, 120)),
                Tuple.of(12, Arbitraries.longs().between(600, 2 * DAY)),
                Tuple.of(2, Arbitraries.longs().between(2 * DAY, 60 * DAY)),
                Tuple.of(1, Arbitraries.longs().between(100 * DAY, 400 * DAY)));
        Arbitrary<Long> shifts = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(-600, 600)),
                Tuple.of(1, Arbitraries.longs().between(-40 * DAY, DAY)));
        Arbitrary<String> zones = Arbitraries.of(ZONES).injectNull(0.9);
        Arbitrary<Trigger> triggers = Arbitraries.frequency(Tuple.of(5, Trigger.SCHEDULE),
                Tuple.of(4, Trigger.CHANGE), Tuple.of(1, Trigger.MANUAL),
                Tuple.of(1, Trigger.CATCH_UP), Tuple.of(1, Trigger.PRE_RESTORE));
        Arbitrary<Long> retain = Arbitraries.longs().between(-30 * DAY, 400 * DAY)
                .injectNull(0.7);
        return Combinators.combine(gaps, shifts, zones, triggers,
                Arbitraries.frequency(Tuple.of(19, false), Tuple.of(1, true)),
                Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)), retain,
                Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)))
                .as(Step::new).list().ofMaxSize(150)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** How far the vault's clock is past the last stored snapshot (rarely behind it). */
    static Arbitrary<Long> nowShifts() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(0, 2 * DAY)),
                Tuple.of(3, Arbitraries.longs().between(2 * DAY, 120 * DAY)),
                Tuple.of(1, Arbitraries.longs().between(-7200, 0)));
    }

    /**
     * Builds the snapshots of the steps, stored from {@code start} on.
     *
     * @param idBase distinguishes the ids of timelines that are planned together
     */
    static List<Candidate> timeline(Instant start, String zone, List<Step> steps, long idBase) {
        List<Candidate> snapshots = new ArrayList<>(steps.size());
        Instant stored = start;
        long sequence = idBase;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            stored = stored.plusSeconds(step.gapSeconds());
            if (i == 0 || !step.sameSequence()) {
                sequence++;
            }
            snapshots.add(new Candidate(id(idBase + i), sequence, step.trigger(),
                    stored.plusSeconds(step.captureShiftSeconds()), stored,
                    step.zone() == null ? zone : step.zone(), step.held(), step.verified(),
                    step.retainSeconds() == null ? null
                            : stored.plusSeconds(step.retainSeconds())));
        }
        return snapshots;
    }

    /** A version 7 id unique per number (the numbers also order the ids). */
    static SnapshotId id(long number) {
        return new SnapshotId(new UUID((number << 16) | 0x7000L,
                0x8000_0000_0000_0000L | number));
    }
}
