package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link Catalog} must do with last signs of life; run against both catalogs. */
abstract class ApplianceSeenContract {

    static final SnapshotId FIRST = SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab");
    static final SnapshotId SECOND = SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab");
    static final Instant T0 = Instant.parse("2026-11-23T03:45:00.123Z");

    abstract Catalog catalog();

    @Test
    void nothingIsRecordedUntilAnApplianceIsSeen() throws Exception {
        assertThat(catalog().seen("nas-1")).isEmpty();
    }

    @Test
    void aLaterSightingReplacesAnEarlierOneButNeverTheOtherWayRound() throws Exception {
        ApplianceSeen first = new ApplianceSeen("nas-1", T0, FIRST, "a".repeat(64));
        ApplianceSeen later = new ApplianceSeen("nas-1", T0.plusMillis(1), SECOND,
                "b".repeat(64));

        assertThat(catalog().recordSeen(first)).isTrue();
        assertThat(catalog().recordSeen(later)).isTrue();
        assertThat(catalog().recordSeen(first)).as("older").isFalse();
        assertThat(catalog().recordSeen(new ApplianceSeen("nas-1", T0.plusMillis(1), FIRST,
                "a".repeat(64)))).as("same time").isFalse();

        assertThat(catalog().seen("nas-1")).contains(later);
        assertThat(catalog().seen("nas-2")).isEmpty();
    }
}
