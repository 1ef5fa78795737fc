package io.configvault.vault.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.Verification.Outcome;
import io.configvault.vault.catalog.Verification.Trigger;
import io.configvault.vault.config.VerifySettings;
import io.configvault.vault.testing.SqliteSnapshots.Db;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler with a clock the test moves by one interval per run: no sleeping. The detection
 * window under test (QUALITY 24, docs/design.md "Restore drills"): an appliance's newest
 * snapshot within newest-max-age + one interval, any snapshot within 100 / daily-percent days +
 * one interval.
 */
class VerificationSamplerTest {

    static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    DrillFixture vault;

    @BeforeEach
    void vault() throws Exception {
        vault = new DrillFixture(dir);
    }

    VerificationSampler sampler(double dailyPercent, int maxPerRun) {
        return new VerificationSampler(vault.catalog, vault.verifier,
                new VerifySettings(true, HOUR, dailyPercent, Duration.ofDays(1), maxPerRun),
                vault.clock);
    }

    /** Stores {@code count} snapshots, one a minute, round-robin over nas-1 and nas-2. */
    List<SnapshotRecord> storeSnapshots(int count) throws Exception {
        List<SnapshotRecord> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(vault.store(i % 2 == 0 ? "nas-1" : "nas-2", Db.SOUND));
            vault.clock.advance(Duration.ofMinutes(1));
        }
        return stored;
    }

    /** Runs once an interval until the snapshot's latest verification failed; the run count. */
    int runsUntilFailed(VerificationSampler sampler, SnapshotRecord snapshot, int limit)
            throws Exception {
        for (int run = 1; run <= limit; run++) {
            vault.clock.advance(HOUR);
            sampler.runOnce();
            Optional<Verification> latest = vault.catalog.latestVerification(snapshot.id());
            if (latest.isPresent() && !latest.get().ok()) {
                return run;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void eachAppliancesNewestIsVerifiedAtTheNextRunAndThenOnceADay() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(6);
        SnapshotRecord newest1 = stored.get(4);
        SnapshotRecord newest2 = stored.get(5);
        VerificationSampler sampler = sampler(0, 100);

        vault.clock.advance(HOUR);
        assertThat(sampler.runOnce()).isEqualTo(new VerificationSampler.Run(2, 0, false));
        assertThat(verified(stored)).containsOnlyKeys(newest1, newest2);

        // Due again once the latest verification is older than a day: at the first run after.
        for (int run = 0; run < 24; run++) {
            vault.clock.advance(HOUR);
            assertThat(sampler.runOnce().verified()).as("run %s", run).isZero();
        }
        vault.clock.advance(HOUR);
        assertThat(sampler.runOnce().verified()).as("a day and an interval later").isEqualTo(2);
        assertThat(vault.counter(Outcome.OK, Trigger.SAMPLER)).isEqualTo(4);
    }

    @Test
    void theRotationVerifiesEverySnapshotAtTheDailyRate() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(24);
        VerificationSampler sampler = sampler(25, 100);

        int rotation = 0;
        for (int run = 0; run < 4 * 24; run++) {
            vault.clock.advance(HOUR);
            rotation += sampler.runOnce().verified();
        }

        assertThat(verified(stored)).as("every snapshot within 100/25 = 4 days")
                .hasSize(24);
        // 25% of 24 a day for 4 days, plus each of 2 appliances' newest once a day.
        assertThat(rotation).isBetween(24 + 2 * 4, 24 + 2 * 4 + 2);
    }

    /** QUALITY 24, the worst case: the corrupted snapshot was verified just before. */
    @Test
    void anInjectedCorruptionIsFoundWithinOneRotationPlusOneInterval() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(12);
        VerificationSampler sampler = sampler(25, 100);
        for (int run = 0; run < 24; run++) {
            vault.clock.advance(HOUR);
            sampler.runOnce();
        }
        SnapshotRecord victim = lastVerifiedByRotation(stored);
        vault.flipByte(victim);

        int runs = runsUntilFailed(sampler, victim, 200);

        int window = 4 * 24 + 1;
        // 11 snapshots are due before it and the rate verifies 3 a day: not found early either.
        assertThat(runs).as("runs until found (window %s)", window).isLessThanOrEqualTo(window)
                .isGreaterThan(2 * 24);
        Verification found = vault.catalog.latestVerification(victim.id()).orElseThrow();
        assertThat(found.trigger()).isEqualTo(Trigger.SAMPLER);
        assertThat(found.evidence()).containsIgnoringCase("integrity");
        assertThat(vault.counter(Outcome.FAILED, Trigger.SAMPLER)).isEqualTo(1);
        assertThat(vault.failingGauge()).isEqualTo(1);
    }

    @Test
    void newSnapshotsEveryHourDoNotStarveAnOldCorruptedOne() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(12);
        SnapshotRecord victim = stored.get(3);
        vault.flipByte(victim);
        VerificationSampler sampler = sampler(25, 100);

        int runs = Integer.MAX_VALUE;
        for (int run = 1; run <= 200 && runs == Integer.MAX_VALUE; run++) {
            vault.store(run % 2 == 0 ? "nas-1" : "nas-2", Db.SOUND);
            vault.clock.advance(HOUR);
            sampler.runOnce();
            if (vault.catalog.latestVerification(victim.id()).isPresent()) {
                runs = run;
            }
        }

        assertThat(runs).isLessThanOrEqualTo(4 * 24 + 1);
        assertThat(vault.catalog.latestVerification(victim.id())).map(Verification::outcome)
                .contains(Outcome.FAILED);
    }

    @Test
    void aCorruptedNewestSnapshotIsFoundWithinADayAndAnInterval() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(4);
        VerificationSampler sampler = sampler(0, 100);
        vault.clock.advance(HOUR);
        sampler.runOnce();
        SnapshotRecord newest = stored.get(3);
        vault.flipByte(newest);

        assertThat(runsUntilFailed(sampler, newest, 100)).isLessThanOrEqualTo(24 + 1);
    }

    @Test
    void maxPerRunBoundsARun() throws Exception {
        storeSnapshots(10);
        VerificationSampler sampler = sampler(100, 3);

        vault.clock.advance(HOUR);
        assertThat(sampler.runOnce().verified()).as("2 newest + 1 rotation").isEqualTo(3);
        // A day since the last run: the rate asks for all 10, the cap allows 3.
        vault.clock.advance(Duration.ofDays(1));
        assertThat(sampler.runOnce().verified()).isEqualTo(3);
    }

    @Test
    void anUnreachableBucketEndsTheRunEarlyAndTheNextRunGoesOn() throws Exception {
        storeSnapshots(4);
        VerificationSampler offline = new VerificationSampler(vault.catalog,
                vault.verifier(DrillFixture.unreachableStore(), vault.spool),
                new VerifySettings(true, HOUR, 100, Duration.ofDays(1), 100), vault.clock);

        vault.clock.advance(HOUR);
        assertThat(offline.runOnce()).isEqualTo(new VerificationSampler.Run(0, 0, true));
        assertThat(vault.catalog.failingVerificationCount()).isZero();

        VerificationSampler online = sampler(100, 100);
        vault.clock.advance(HOUR);
        assertThat(online.runOnce()).isEqualTo(new VerificationSampler.Run(3, 0, false));
    }

    /** The snapshots that have a verification, with it. */
    private Map<SnapshotRecord, Verification> verified(List<SnapshotRecord> snapshots)
            throws Exception {
        Map<SnapshotRecord, Verification> verified = new HashMap<>();
        for (SnapshotRecord snapshot : snapshots) {
            vault.catalog.latestVerification(snapshot.id()).ifPresent(v -> verified.put(snapshot, v));
        }
        return verified;
    }

    private SnapshotRecord lastVerifiedByRotation(List<SnapshotRecord> stored) throws Exception {
        SnapshotRecord newest1 = stored.get(stored.size() - 2);
        SnapshotRecord newest2 = stored.get(stored.size() - 1);
        return verified(stored).entrySet().stream()
                .filter(e -> !e.getKey().equals(newest1) && !e.getKey().equals(newest2))
                .max(Map.Entry.comparingByValue(
                        java.util.Comparator.comparing(Verification::verifiedAt)))
                .orElseThrow().getKey();
    }

    @Test
    void aSnapshotRetentionDeletesDuringTheRunIsSkippedAndTheRunGoesOn() throws Exception {
        List<SnapshotRecord> stored = storeSnapshots(2);
        VerificationSampler sampler = new VerificationSampler(vault.catalog,
                vault.verifier(new SnapshotVerifierTest.RetentionMidDrill(vault, stored.get(0)),
                        vault.spool),
                new VerifySettings(true, HOUR, 0, Duration.ofDays(1), 100), vault.clock);
        vault.clock.advance(HOUR);

        assertThat(sampler.runOnce()).isEqualTo(new VerificationSampler.Run(1, 0, false));
        assertThat(vault.catalog.latestVerification(stored.get(1).id())).isPresent();
        assertThat(vault.counter(Outcome.FAILED, Trigger.SAMPLER)).isZero();
    }
}
