package io.configvault.vault.retention;

import static io.configvault.shared.snapshot.Trigger.CHANGE;
import static io.configvault.shared.snapshot.Trigger.MANUAL;
import static io.configvault.shared.snapshot.Trigger.PRE_RESTORE;
import static io.configvault.shared.snapshot.Trigger.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.config.RetentionSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/retention.md, section "Worked examples": each test plans one
 * example, checks by hand which snapshots go, and checks that the doc's table is exactly what
 * the planner says (so the doc cannot drift; on a mismatch the failure shows the table to put
 * in the doc).
 */
class RetentionWorkedExamplesTest {

    private static final String BERLIN = "Europe/Berlin";

    @Test
    void example1DailyAndWeeklyOverAMonthWithGaps() throws IOException {
        WorkedExample example = new WorkedExample("daily-weekly", BERLIN,
                "{\"keep-daily\": 7, \"keep-weekly\": 4}")
                .now("2026-11-30 12:00")
                .snapshot("2026-11-28 14:10", CHANGE)
                .snapshot("2026-11-28 02:00", SCHEDULE)
                .snapshot("2026-11-27 02:00", SCHEDULE)
                .snapshot("2026-11-26 02:00", SCHEDULE)
                .snapshot("2026-11-24 02:00", SCHEDULE)
                .snapshot("2026-11-23 02:00", SCHEDULE)
                .snapshot("2026-11-21 02:00", SCHEDULE)
                .snapshot("2026-11-19 02:00", SCHEDULE)
                .snapshot("2026-11-18 09:30", CHANGE)
                .snapshot("2026-11-18 02:00", SCHEDULE)
                .snapshot("2026-11-12 02:00", SCHEDULE)
                .snapshot("2026-11-10 02:00", SCHEDULE)
                .snapshot("2026-11-04 02:00", SCHEDULE)
                .snapshot("2026-11-03 02:00", SCHEDULE)
                .snapshot("2026-11-01 02:00", SCHEDULE)
                .snapshot("2026-10-31 02:00", SCHEDULE);
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(2, 9, 10, 12, 14, 15, 16);
        example.matchesTheDoc(plan);
    }

    @Test
    void example2ADaylightSavingWeekInBerlin() throws IOException {
        WorkedExample example = new WorkedExample("dst", BERLIN,
                "{\"keep-hourly\": 4, \"keep-daily\": 3}")
                .offsets()
                .now("2026-10-28 12:00")
                .snapshot("2026-10-26 00:20 +01:00", CHANGE)
                .snapshot("2026-10-25 03:20 +01:00", CHANGE)
                .snapshot("2026-10-25 02:45 +01:00", CHANGE)
                .snapshot("2026-10-25 02:15 +01:00", CHANGE)
                .snapshot("2026-10-25 02:40 +02:00", CHANGE)
                .snapshot("2026-10-25 02:10 +02:00", SCHEDULE)
                .snapshot("2026-10-25 01:30 +02:00", CHANGE)
                .snapshot("2026-10-24 23:50 +02:00", CHANGE)
                .snapshot("2026-10-24 02:10 +02:00", SCHEDULE)
                .snapshot("2026-10-23 02:10 +02:00", SCHEDULE)
                .snapshot("2026-10-22 02:10 +02:00", SCHEDULE);
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(4, 5, 6, 9, 10, 11);
        example.matchesTheDoc(plan);
    }

    @Test
    void example3AMonthWithoutSnapshots() throws IOException {
        WorkedExample example = new WorkedExample("empty-month", "America/New_York",
                "{\"keep-monthly\": 3, \"time-zone\": \"America/New_York\"}")
                .manifestZone("UTC")
                .now("2026-12-20 12:00")
                .snapshot("2026-12-14 09:00", SCHEDULE)
                .snapshot("2026-12-01 09:00", SCHEDULE)
                .snapshot("2026-10-31 22:30", CHANGE)
                .snapshot("2026-10-15 09:00", SCHEDULE)
                .snapshot("2026-09-20 09:00", SCHEDULE)
                .snapshot("2026-08-10 09:00", SCHEDULE)
                .snapshot("2026-07-05 09:00", SCHEDULE);
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(2, 4, 6, 7);
        example.matchesTheDoc(plan);
    }

    private static WorkedExample beforePowerOff(String name) {
        WorkedExample example = new WorkedExample(name, BERLIN,
                "{\"keep-within\": \"7d\", \"keep-daily\": 5, \"keep-weekly\": 3}");
        for (int day = 31; day >= 24; day--) {
            example.snapshot("2026-05-" + day + " 02:00", SCHEDULE);
        }
        return example;
    }

    @Test
    void example4FortyDaysOffDeletesNothing() throws IOException {
        WorkedExample example = beforePowerOff("power-off").now("2026-07-10 12:00");
        AppliancePlan plan = example.plan();

        assertThat(plan.delete()).isEmpty();
        example.matchesTheDoc(plan);
    }

    @Test
    void example4BackAfterFortyDaysOnlyTheRulesDecide() throws IOException {
        WorkedExample example = beforePowerOff("power-back").now("2026-07-14 03:00")
                .snapshot("2026-07-11 02:00", SCHEDULE)
                .snapshot("2026-07-12 02:00", SCHEDULE)
                .snapshot("2026-07-13 02:00", SCHEDULE);
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(6, 7, 8, 9, 10, 11);
        example.matchesTheDoc(plan);
    }

    @Test
    void example5AJunkBurstEvictsNothing() throws IOException {
        RetentionSettings defaults = RetentionSettings.defaults();
        WorkedExample example = new WorkedExample("burst", BERLIN,
                "{\"keep-last\": 5, \"keep-daily\": 3}")
                .settings(new RetentionSettings(true, defaults.interval(),
                        defaults.floorNewestVerified(), defaults.floorMinAge(), 5,
                        Duration.ofHours(1), defaults.maxClockSkew(), defaults.lockMode()))
                .now("2026-11-30 12:00");
        for (int minute = 35; minute >= 0; minute -= 5) {
            example.snapshot(String.format("2026-11-28 14:%02d", minute), CHANGE);
        }
        for (int day = 28; day >= 24; day--) {
            example.snapshot("2026-11-" + day + " 02:00", SCHEDULE);
        }
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(6, 7, 8);
        assertThat(plan.burstSnapshots()).isEqualTo(8);
        example.matchesTheDoc(plan);
    }

    @Test
    void example6ManualSnapshotsForAYear() throws IOException {
        WorkedExample example = new WorkedExample("per-trigger", BERLIN, "{\"keep-last\": 3,"
                + " \"triggers\": {\"MANUAL\": {\"keep-within\": \"365d\"},"
                + " \"PRE_RESTORE\": {\"keep-last\": 1}}}")
                .now("2026-11-30 12:00")
                .snapshot("2026-11-28 02:00", SCHEDULE)
                .snapshot("2026-11-27 02:00", SCHEDULE)
                .snapshot("2026-11-26 16:45", MANUAL)
                .snapshot("2026-11-26 02:00", SCHEDULE)
                .snapshot("2026-11-25 02:00", SCHEDULE)
                .snapshot("2026-09-01 10:00", PRE_RESTORE)
                .snapshot("2026-08-15 11:00", PRE_RESTORE)
                .snapshot("2026-05-10 09:00", MANUAL)
                .snapshot("2025-12-01 09:00", MANUAL)
                .snapshot("2025-10-01 09:00", MANUAL);
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(4, 5, 7, 10);
        example.matchesTheDoc(plan);
    }

    @Test
    void example7FloorsAndAHold() throws IOException {
        WorkedExample example = new WorkedExample("floors", BERLIN, "{\"keep-last\": 2}")
                .storedColumn()
                .now("2026-11-30 12:00")
                .snapshot("2026-11-30 10:00", CHANGE)
                .snapshot("2026-11-30 02:00", SCHEDULE)
                .snapshot("2026-11-29 14:00", CHANGE)
                .snapshot("2026-11-29 02:00", SCHEDULE, "verified")
                .snapshot("2026-11-28 02:00", SCHEDULE)
                .snapshot("2026-11-27 02:00", SCHEDULE, "verified")
                .snapshot("2026-11-26 02:00", SCHEDULE, "verified")
                .snapshot("2026-11-25 02:00", SCHEDULE, "stored 2026-11-30 09:00")
                .snapshot("2026-11-24 02:00", SCHEDULE, "verified")
                .snapshot("2026-11-20 02:00", SCHEDULE, "held")
                .snapshot("2026-11-19 02:00", SCHEDULE, "lock 2026-12-19 02:01")
                .snapshot("2026-11-18 02:00", SCHEDULE, "lock 2026-11-25 02:01");
        AppliancePlan plan = example.plan();

        assertThat(example.deleted(plan)).containsExactly(5, 9, 12);
        example.matchesTheDoc(plan);
    }

    @Test
    void example8TheVaultClockBehindDeletesNothing() throws IOException {
        WorkedExample example = new WorkedExample("clock", BERLIN, "{\"keep-last\": 1}")
                .storedColumn()
                .now("2026-11-30 12:00")
                .snapshot("2026-11-30 13:55", CHANGE, "stored 2026-11-30 14:00")
                .snapshot("2026-11-20 02:00", SCHEDULE)
                .snapshot("2026-11-19 02:00", SCHEDULE);
        AppliancePlan plan = example.plan();

        assertThat(plan.delete()).isEmpty();
        assertThat(plan.warnings()).hasSize(2);
        example.matchesTheDoc(plan);
    }

    @Test
    void theExamplesAreNumberedNewestFirst() {
        WorkedExample example = new WorkedExample("order", BERLIN, "{\"keep-last\": 1}")
                .now("2026-11-30 12:00")
                .snapshot("2026-11-01 02:00", SCHEDULE)
                .snapshot("2026-11-02 02:00", SCHEDULE);

        assertThat(example.deleted(example.plan())).isEqualTo(List.of(2));
    }
}
