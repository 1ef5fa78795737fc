package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.config.RetentionSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's details the worked examples and properties do not spell out. */
class RetentionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final RetentionPlanner PLANNER =
            new RetentionPlanner(RetentionSettings.defaults());

    private static int next;

    private static Candidate snapshot(String captured, String zone) {
        Instant at = Instant.parse(captured);
        next++;
        return new Candidate(RetentionArbitraries.id(next), next, Trigger.SCHEDULE, at,
                at.plusSeconds(60), zone, false, false, null);
    }

    private static StoredPolicy policy(String json) throws PolicyException {
        return new StoredPolicy(new PolicyScope.Appliance("nas-1"),
                PolicyCodec.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Instant.EPOCH, "admin");
    }

    private static List<String> reasons(AppliancePlan plan) {
        return plan.keep().stream().map(d -> d.reasons().toString()).toList();
    }

    @Test
    void periodLabelsFollowIsoWeekYearsAndLocalHours() {
        assertThat(label(CalendarPeriod.WEEK, "2027-01-01T12:00:00Z")).isEqualTo("2026-W53");
        assertThat(label(CalendarPeriod.WEEK, "2021-01-03T12:00:00Z")).isEqualTo("2020-W53");
        assertThat(label(CalendarPeriod.WEEK, "2024-12-30T12:00:00Z")).isEqualTo("2025-W01");
        assertThat(label(CalendarPeriod.WEEK, "2026-11-21T12:00:00Z")).isEqualTo("2026-W47");
        assertThat(label(CalendarPeriod.HOUR, "2026-11-21T14:59:59Z")).isEqualTo("2026-11-21T14");
        assertThat(label(CalendarPeriod.DAY, "1969-12-31T23:00:00Z")).isEqualTo("1969-12-31");
        assertThat(label(CalendarPeriod.MONTH, "2026-11-21T14:00:00Z")).isEqualTo("2026-11");
        assertThat(label(CalendarPeriod.YEAR, "2026-11-21T14:00:00Z")).isEqualTo("2026");
    }

    private static String label(CalendarPeriod period, String utc) {
        Instant at = Instant.parse(utc);
        return period.label(period.key(at.getEpochSecond()));
    }

    @Test
    void halfHourZonesAndHalfHourDaylightSavingCountLocalHours() throws PolicyException {
        // Lord Howe falls back half an hour on 2026-04-05 at 02:00 (+11:00 -> +10:30):
        // 01:30-02:00 happens twice and is one hour period with 01:00-01:30.
        AppliancePlan howe = PLANNER.plan("nas-1", policy("{\"keep-hourly\": 2}"), List.of(
                snapshot("2026-04-04T15:10:00Z", "Australia/Lord_Howe"), // 01:40 +10:30
                snapshot("2026-04-04T14:50:00Z", "Australia/Lord_Howe"), // 01:50 +11:00
                snapshot("2026-04-04T14:10:00Z", "Australia/Lord_Howe"), // 01:10 +11:00
                snapshot("2026-04-04T13:50:00Z", "Australia/Lord_Howe")), // 00:50 +11:00
                NOW);
        assertThat(reasons(howe)).containsExactly("[keep-hourly 2026-04-05T01]",
                "[keep-hourly 2026-04-05T00]");
        // Kolkata is +05:30: 09:29Z is 14:59 local, 09:30Z is 15:00 local.
        AppliancePlan kolkata = PLANNER.plan("nas-1", policy("{\"keep-hourly\": 5}"), List.of(
                snapshot("2026-11-21T09:30:00Z", "Asia/Kolkata"),
                snapshot("2026-11-21T09:29:00Z", "Asia/Kolkata")), NOW);
        assertThat(reasons(kolkata)).containsExactly("[keep-hourly 2026-11-21T15]",
                "[keep-hourly 2026-11-21T14]");
    }

    @Test
    void anUnknownOrMissingZoneCountsAsUtc() throws PolicyException {
        AppliancePlan plan = PLANNER.plan("nas-1", policy("{\"keep-daily\": 5}"), List.of(
                snapshot("2026-11-21T23:30:00Z", "Mars/Olympus_Mons"),
                snapshot("2026-11-21T23:00:00Z", null),
                snapshot("2026-11-20T22:30:00Z", "Europe/Berlin")), NOW);

        // In Berlin the first would be on 11-22; in UTC the first two are one day.
        assertThat(reasons(plan)).containsExactly("[keep-daily 2026-11-21]",
                "[keep-daily 2026-11-20]");
        assertThat(plan.delete()).extracting(d -> d.snapshot().timeZone())
                .containsExactly((String) null);
    }

    @Test
    void snapshotsInSeveralZonesKeepOneSnapshotPerPeriod() throws PolicyException {
        // The appliance moved from Kolkata to UTC: along the order the labels go 11-21, 11-22,
        // 11-21. A period whose label comes back is still one period.
        AppliancePlan plan = PLANNER.plan("nas-1", policy("{\"keep-daily\": 3}"), List.of(
                snapshot("2026-11-21T23:00:00Z", "UTC"),
                snapshot("2026-11-21T20:00:00Z", "Asia/Kolkata"),
                snapshot("2026-11-21T10:00:00Z", "UTC"),
                snapshot("2026-11-20T10:00:00Z", "UTC")), NOW);

        assertThat(reasons(plan)).containsExactly("[keep-daily 2026-11-21]",
                "[keep-daily 2026-11-22]", "[keep-daily 2026-11-20]");
    }

    @Test
    void keepWithinPeriodKeepsTheNewestOfEachPeriodInTheDuration() throws PolicyException {
        AppliancePlan plan = PLANNER.plan("nas-1", policy("{\"keep-within-daily\": \"2d\","
                + " \"time-zone\": \"UTC\"}"), List.of(
                snapshot("2026-11-28T10:00:00Z", "UTC"),
                snapshot("2026-11-28T09:00:00Z", "UTC"),
                snapshot("2026-11-27T09:00:00Z", "UTC"),
                snapshot("2026-11-26T10:00:00Z", "UTC"),
                snapshot("2026-11-26T09:59:00Z", "UTC")), NOW);

        assertThat(reasons(plan)).containsExactly("[keep-within-daily 2026-11-28]",
                "[keep-within-daily 2026-11-27]", "[keep-within-daily 2026-11-26]");
        assertThat(plan.delete()).hasSize(2);
    }

    @Test
    void withoutAPolicyEverythingIsKeptAndTheAlwaysReasonsStillShow() {
        Candidate held = new Candidate(RetentionArbitraries.id(900), 900, Trigger.MANUAL,
                NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(9)), "UTC", true,
                false, NOW.plusSeconds(1));
        AppliancePlan plan = PLANNER.plan("nas-1", null,
                List.of(held, snapshot("2026-11-30T11:00:00Z", "UTC")), NOW);

        assertThat(plan.policy()).isNull();
        assertThat(plan.delete()).isEmpty();
        assertThat(reasons(plan)).containsExactly("[no-policy, floor.min-age]",
                "[no-policy, hold, object-lock]");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void nothingToPlanIsAnEmptyPlan() throws PolicyException {
        AppliancePlan plan = PLANNER.plan("nas-1", policy("{\"keep-last\": 1}"), List.of(), NOW);

        assertThat(plan.keep()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.policy()).isEqualTo("appliance:nas-1");
    }

    @Test
    void aBurstIsAWarningNamingItsSizeWindowAndLimit() throws PolicyException {
        List<Candidate> snapshots = new ArrayList<>();
        Instant start = Instant.parse("2026-11-28T14:00:00Z");
        for (int i = 0; i < 57; i++) {
            snapshots.add(at(start.plusSeconds(60L * i)));
        }
        for (int i = 0; i < 23; i++) {
            snapshots.add(at(start.plus(Duration.ofHours(5)).plusSeconds(60L * i)));
        }

        AppliancePlan plan = PLANNER.plan("nas-1", policy("{\"keep-last\": 1}"), snapshots,
                NOW);
        AppliancePlan unmanaged = PLANNER.plan("nas-1", null, snapshots.subList(0, 57), NOW);

        assertThat(plan.burstSnapshots()).isEqualTo(80);
        assertThat(plan.warnings()).containsExactly("appliance nas-1 stored 57 snapshots within"
                + " 1h (more than burst-max-snapshots 20); 80 of its snapshots are part of a"
                + " burst: the rules are also applied as if the burst had not happened");
        assertThat(unmanaged.burstSnapshots()).isEqualTo(57);
        assertThat(unmanaged.warnings()).containsExactly("appliance nas-1 stored 57 snapshots"
                + " within 1h (more than burst-max-snapshots 20)");
    }

    private static Candidate at(Instant stored) {
        next++;
        return new Candidate(RetentionArbitraries.id(next), next, Trigger.CHANGE, stored, stored,
                "UTC", false, false, null);
    }

    @Test
    void burstWindowsAreHalfOpen() throws PolicyException {
        RetentionSettings defaults = RetentionSettings.defaults();
        RetentionPlanner planner = new RetentionPlanner(new RetentionSettings(true,
                defaults.interval(), 0, Duration.ZERO, 2, Duration.ofHours(1),
                defaults.maxClockSkew(), defaults.lockMode()));
        Instant t = Instant.parse("2026-11-28T14:00:00Z");
        List<Candidate> spread = List.of(at(t), at(t.plusSeconds(1800)), at(t.plusSeconds(3600)));
        List<Candidate> dense = List.of(at(t), at(t.plusSeconds(1800)), at(t.plusSeconds(3599)));

        assertThat(planner.plan("nas-1", policy("{\"keep-last\": 1}"), spread, NOW)
                .burstSnapshots()).isZero();
        assertThat(planner.plan("nas-1", policy("{\"keep-last\": 1}"), dense, NOW)
                .burstSnapshots()).isEqualTo(3);
    }

    @Test
    void theClockGuardSaysWhichClockAndByHowMuch() throws PolicyException {
        Candidate ahead = new Candidate(RetentionArbitraries.id(901), 901, Trigger.CHANGE,
                NOW.plus(Duration.ofDays(3)).plusSeconds(7), NOW.minusSeconds(5), "UTC", false,
                false, null);
        Candidate late = new Candidate(RetentionArbitraries.id(902), 902, Trigger.CHANGE,
                NOW.minus(Duration.ofDays(3)), NOW.plus(Duration.ofMinutes(10)).plusMillis(1),
                "UTC", false, false, null);

        AppliancePlan appliance = PLANNER.plan("nas-1", policy("{\"keep-last\": 1}"),
                List.of(ahead, snapshot("2026-11-01T00:00:00Z", "UTC")), NOW);
        AppliancePlan vault = PLANNER.plan("nas-1", policy("{\"keep-last\": 1}"),
                List.of(late, snapshot("2026-11-01T00:00:00Z", "UTC")), NOW);

        assertThat(appliance.delete()).isEmpty();
        assertThat(appliance.warnings()).containsExactly("appliance nas-1: its newest snapshot "
                + ahead.id() + " was captured 3d7s after the vault's clock now (more than"
                + " max-clock-skew 10m): the appliance's clock is ahead; nothing of this"
                + " appliance is deleted until the vault's clock has passed that capture time");
        assertThat(vault.delete()).isEmpty();
        assertThat(vault.warnings()).containsExactly("appliance nas-1: snapshot " + late.id()
                + " was stored 10m after the vault's clock now (more than max-clock-skew 10m):"
                + " the vault's clock is behind; nothing of this appliance is deleted until the"
                + " vault's clock is right");
        assertThat(reasons(vault)).allMatch(r -> r.startsWith("[clock-guard"));
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(ClockGuard.text(Duration.ZERO)).isEqualTo("0s");
        assertThat(ClockGuard.text(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(ClockGuard.text(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(ClockGuard.text(Duration.ofDays(2).plusSeconds(5))).isEqualTo("2d5s");
    }

    @Test
    void thePolicyZoneOverridesTheManifests() throws PolicyException {
        StoredPolicy berlin = policy("{\"keep-daily\": 1, \"time-zone\": \"Europe/Berlin\"}");
        AppliancePlan plan = PLANNER.plan("nas-1", berlin, List.of(
                snapshot("2026-11-21T23:30:00Z", "America/New_York")), NOW);

        assertThat(reasons(plan)).containsExactly("[keep-daily 2026-11-22]");
        assertThat(berlin.policy().timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }
}
