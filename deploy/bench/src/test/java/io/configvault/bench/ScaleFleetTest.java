package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaleFleetTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final ScaleFleet fleet = new ScaleFleet(10_000, 100, NOW);

    @Test
    void aMillionRowsOfTenThousandAppliancesInTenFleets() {
        assertThat(fleet.rows()).isEqualTo(1_000_000);
        assertThat(fleet.applianceId(42)).isEqualTo("nas-00042");
        assertThat(fleet.fleet(42)).isEqualTo("site-2");
        assertThat(fleet.objectKey(42, fleet.snapshotId(42, 0)))
                .startsWith("snapshots/site-2/nas-00042/").endsWith(".tar.pgp");
    }

    @Test
    void snapshotsAreADayApartOnDistinctLocalDaysAndOlderThanTheRetentionFloor() {
        for (int a : new int[] {0, 1, 4_999, 9_999}) {
            Set<java.time.LocalDate> days = new HashSet<>();
            for (int s = 0; s < 100; s++) {
                days.add(fleet.capturedAt(a, s).atZone(ZoneId.of(fleet.zone(a))).toLocalDate());
                if (s > 0) {
                    assertThat(Duration.between(fleet.capturedAt(a, s - 1),
                            fleet.capturedAt(a, s))).isEqualTo(Duration.ofDays(1));
                }
            }
            assertThat(days).hasSize(100);
            assertThat(fleet.storedAt(a, 99)).isBefore(NOW.minus(Duration.ofDays(1)));
            assertThat(ZoneId.of(fleet.zone(a)).getRules().nextTransition(
                    NOW.minus(Duration.ofDays(200)))).isNull();
        }
    }

    @Test
    void thePolicyKeepsAllButTheOldestDay() {
        assertThat(ScaleFleet.policy(100)).isEqualTo("{\"keep-daily\": 99}");
        assertThat(ScaleFleet.deletedByPolicy(0)).isTrue();
        assertThat(ScaleFleet.deletedByPolicy(1)).isFalse();
    }

    @Test
    void sizesLookLikeCompressedConfigurationAndRepeat() {
        for (int s = 0; s < 100; s++) {
            assertThat(fleet.bundleBytes(7, s)).isBetween(2048L, 2048L + 16_383);
            assertThat(fleet.storedBytes(7, s)).isGreaterThan(fleet.bundleBytes(7, s));
        }
        assertThat(fleet.bundleBytes(7, 3)).isEqualTo(fleet.bundleBytes(7, 3));
        assertThat(fleet.bundleBytes(7, 3)).isNotEqualTo(fleet.bundleBytes(7, 4));
    }

    @Test
    void refusesAShapeItCannotName() {
        assertThatThrownBy(() -> new ScaleFleet(100_000, 100, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 99,999 appliances");
    }
}
