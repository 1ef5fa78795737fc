package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageFigureTest {

    @Test
    void thirtyDaysAreComparedWithOne() {
        StorageDays.Result one = new StorageDays.Result(1, 1, 0, 1, 1, 1_000_000);
        StorageDays.Result many = new StorageDays.Result(30, 1, 29, 1, 1, 1_020_000);

        Figure figure = StorageFigure.of(one, many, 1024 * 1024);

        assertThat(figure.title()).isEqualTo("Figure 7: storage, 30 unchanged days vs one");
        assertThat(figure.rows().get(0)).containsExactly("One day", "1", "1", "0", "1",
                "1,000,000", "1.000×");
        assertThat(figure.rows().get(1)).containsExactly("30 days, unchanged", "30", "1", "29",
                "1", "1,020,000", "1.020×");
        assertThat(figure.values()).containsEntry("ratio", 1.02).containsEntry("targetMet", true)
                .containsEntry("daysHeartbeats", 29);
    }

    @Test
    void aSnapshotPerDayMissesTheTarget() {
        StorageDays.Result one = new StorageDays.Result(1, 1, 0, 1, 1, 1000);
        StorageDays.Result many = new StorageDays.Result(30, 30, 0, 30, 30, 30_000);

        Figure figure = StorageFigure.of(one, many, 1000);

        assertThat(figure.values()).containsEntry("targetMet", false);
        assertThat(figure.notes()).anyMatch(n -> n.contains("missed (30.000×)"));
    }
}
