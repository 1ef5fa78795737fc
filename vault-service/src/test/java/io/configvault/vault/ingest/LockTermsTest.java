package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.retention.Policies;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.RetentionDuration;
import io.configvault.vault.retention.RetentionPolicy;
import io.configvault.vault.retention.RuleSet;
import io.configvault.vault.retention.StoredPolicy;
import io.configvault.vault.store.ObjectLockRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Object Lock retain-until rule: policy lifetimes, the floor, zones, DST, rounding. */
class LockTermsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration DAY = Duration.ofDays(1);

    final Map<PolicyScope, StoredPolicy> policies = new HashMap<>();
    final Policies.Lookup<CatalogException> lookup =
            scope -> Optional.ofNullable(policies.get(scope));

    static RuleSet within(String duration) {
        return new RuleSet(0, 0, 0, 0, 0, 0, RetentionDuration.parse(duration), null, null, null,
                null, null);
    }

    static RetentionPolicy policy(RuleSet rules, Map<Trigger, RuleSet> triggers, ZoneId zone) {
        return new RetentionPolicy(rules, triggers, zone);
    }

    void attach(PolicyScope scope, RetentionPolicy policy) {
        policies.put(scope, new StoredPolicy(scope, policy, Instant.EPOCH, "admin"));
    }

    static SnapshotRecord row(Trigger trigger, String zone, Instant storedAt) {
        SnapshotId id = SnapshotId.parse("0190f0a4-6b7e-7c3d-9a5e-0123456789ab");
        return new SnapshotRecord(id, "nas-1", "lab", 1, trigger, storedAt.minusSeconds(5), zone,
                null, true, 10, "a".repeat(64), 20, "b".repeat(64),
                "snapshots/lab/nas-1/" + id + ".tar.pgp", "F1NGERPRINT", storedAt, null, null);
    }

    @Test
    void withoutAPolicyTheFloorAloneCounts() {
        Instant stored = Instant.parse("2026-06-01T10:00:00Z");

        assertThat(LockTerms.retainUntil(null, Trigger.SCHEDULE, ZoneOffset.UTC, stored, DAY))
                .isEqualTo(Instant.parse("2026-06-02T10:00:00Z"));
    }

    @Test
    void theLongestOfTheTriggersLifetimeThePolicysAndTheFloorCounts() {
        RetentionPolicy policy = policy(within("7d"), Map.of(Trigger.MANUAL, within("1y")), null);
        Instant stored = Instant.parse("2026-06-01T10:00:00Z");

        assertThat(LockTerms.retainUntil(policy, Trigger.MANUAL, ZoneOffset.UTC, stored, DAY))
                .as("the trigger's own keep-within is longer")
                .isEqualTo(Instant.parse("2027-06-01T10:00:00Z"));
        assertThat(LockTerms.retainUntil(policy, Trigger.SCHEDULE, ZoneOffset.UTC, stored, DAY))
                .isEqualTo(Instant.parse("2026-06-08T10:00:00Z"));
        assertThat(LockTerms.retainUntil(policy(within("12h"), Map.of(), null), Trigger.SCHEDULE,
                ZoneOffset.UTC, stored, DAY)).as("the floor is longer")
                .isEqualTo(Instant.parse("2026-06-02T10:00:00Z"));
    }

    /** 2026-03-29 02:00 CET → 03:00 CEST: that calendar day has 23 hours in Berlin. */
    @Test
    void aCalendarDayAcrossTheSpringChangeIs23HoursAndTheElapsedFloorCanBeLonger() {
        RetentionPolicy policy = policy(within("1d"), Map.of(), BERLIN);
        Instant stored = Instant.parse("2026-03-28T12:00:00Z");

        assertThat(LockTerms.retainUntil(policy, Trigger.SCHEDULE, ZoneOffset.UTC, stored,
                Duration.ZERO)).isEqualTo(Instant.parse("2026-03-29T11:00:00Z"));
        assertThat(LockTerms.retainUntil(policy, Trigger.SCHEDULE, ZoneOffset.UTC, stored, DAY))
                .as("24 elapsed hours outlast the 23-hour day")
                .isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
    }

    /** 2026-10-25 03:00 CEST → 02:00 CET: that calendar day has 25 hours in Berlin. */
    @Test
    void aCalendarDayAcrossTheAutumnChangeIs25HoursAndOutlastsTheFloor() {
        RetentionPolicy policy = policy(within("1d"), Map.of(), null);
        Instant stored = Instant.parse("2026-10-24T12:00:00Z");

        assertThat(LockTerms.retainUntil(policy, Trigger.SCHEDULE, BERLIN, stored, DAY))
                .as("the snapshot's zone, since the policy names none")
                .isEqualTo(Instant.parse("2026-10-25T13:00:00Z"));
        assertThat(LockTerms.retainUntil(policy(within("1d"), Map.of(), ZoneOffset.UTC),
                Trigger.SCHEDULE, BERLIN, stored, DAY)).as("the policy's zone wins")
                .isEqualTo(Instant.parse("2026-10-25T12:00:00Z"));
    }

    @Test
    void aRetainUntilIsRoundedUpToAWholeSecond() {
        Instant stored = Instant.parse("2026-06-01T10:00:00.000400Z");

        assertThat(LockTerms.retainUntil(null, Trigger.SCHEDULE, ZoneOffset.UTC, stored, DAY))
                .isEqualTo(Instant.parse("2026-06-02T10:00:01Z"));
    }

    @Test
    void theEffectivePolicyIsTheAppliancesElseTheFleetsElseTheVaults() throws Exception {
        LockTerms terms = new LockTerms(ObjectLockRequest.Mode.GOVERNANCE, Duration.ZERO, lookup);
        Instant stored = Instant.parse("2026-06-01T10:00:00Z");
        attach(PolicyScope.VAULT, policy(within("3d"), Map.of(), null));

        assertThat(terms.apply(row(Trigger.SCHEDULE, "UTC", stored)).retainUntil())
                .isEqualTo(Instant.parse("2026-06-04T10:00:00Z"));
        attach(new PolicyScope.Fleet("lab"), policy(within("2d"), Map.of(), null));
        assertThat(terms.apply(row(Trigger.SCHEDULE, "UTC", stored)).retainUntil())
                .isEqualTo(Instant.parse("2026-06-03T10:00:00Z"));
        attach(new PolicyScope.Appliance("nas-1"), policy(within("5d"), Map.of(), null));
        assertThat(terms.apply(row(Trigger.SCHEDULE, "UTC", stored)))
                .satisfies(locked -> assertThat(locked.retainUntil())
                        .isEqualTo(Instant.parse("2026-06-06T10:00:00Z")))
                .satisfies(locked -> assertThat(locked.lockMode()).isEqualTo("GOVERNANCE"));
    }

    @Test
    void aSnapshotTheRuleGivesNoTimeIsWrittenWithoutALock() throws Exception {
        LockTerms terms = new LockTerms(ObjectLockRequest.Mode.COMPLIANCE, Duration.ZERO, lookup);
        SnapshotRecord row = row(Trigger.SCHEDULE, "UTC",
                Instant.parse("2026-06-01T10:00:00.5Z"));

        assertThat(terms.apply(row)).isEqualTo(row);
        assertThat(LockTerms.request(row)).isNull();
    }

    @Test
    void aZoneThisJdkDoesNotKnowCountsAsUtc() throws Exception {
        attach(PolicyScope.VAULT, policy(within("1d"), Map.of(), null));
        LockTerms terms = new LockTerms(ObjectLockRequest.Mode.COMPLIANCE, Duration.ZERO, lookup);

        SnapshotRecord locked = terms.apply(row(Trigger.SCHEDULE, "Mars/Olympus_Mons",
                Instant.parse("2026-03-28T12:00:00Z")));

        assertThat(locked.retainUntil()).isEqualTo(Instant.parse("2026-03-29T12:00:00Z"));
        assertThat(LockTerms.request(locked)).isEqualTo(new ObjectLockRequest(
                ObjectLockRequest.Mode.COMPLIANCE, Instant.parse("2026-03-29T12:00:00Z")));
    }

    @Test
    void withObjectLockOffNoPolicyIsEvenLookedUp() throws Exception {
        Policies.Lookup<CatalogException> failing = scope -> {
            throw new CatalogException("catalog is gone", null);
        };
        SnapshotRecord row = row(Trigger.SCHEDULE, "UTC", Instant.parse("2026-06-01T10:00:00Z"));

        assertThat(LockTerms.of(s3("off"), RetentionSettings.defaults(), failing).apply(row))
                .isEqualTo(row);
        assertThatThrownBy(() -> LockTerms.of(s3("required"), RetentionSettings.defaults(),
                failing).apply(row)).isInstanceOf(CatalogException.class)
                .hasMessage("catalog is gone");
    }

    @Test
    void theModeAndFloorComeFromTheSettings() throws Exception {
        RetentionSettings compliance = new RetentionSettings(true, Duration.ofHours(1), 3,
                Duration.ofDays(2), 20, Duration.ofHours(1), Duration.ofMinutes(10),
                "compliance");

        SnapshotRecord locked = LockTerms.of(s3("required"), compliance, lookup)
                .apply(row(Trigger.SCHEDULE, "UTC", Instant.parse("2026-06-01T10:00:00Z")));

        assertThat(locked.lockMode()).isEqualTo("COMPLIANCE");
        assertThat(locked.retainUntil()).isEqualTo(Instant.parse("2026-06-03T10:00:00Z"));
    }

    static S3Settings s3(String objectLock) {
        return new S3Settings(null, "us-east-1", "vault", true, null, null, "when-required", null,
                null, 64L << 20, 16L << 20, objectLock, "");
    }
}
