package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheIssuesFleetBurst() {
        BenchSettings s = BenchSettings.fromEnvironment(ROOT, Map.of());

        assertThat(s.appliances()).isEqualTo(1000);
        assertThat(s.snapshotBytes()).isEqualTo(1024 * 1024);
        assertThat(s.resticSnapshots()).isEqualTo(250);
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.writeDocs()).isTrue();
        assertThat(s.command()).isEqualTo("deploy/bench/run");
        assertThat(s.outputDir()).isEqualTo(Path.of("/repo/deploy/bench/target/bench"));
    }

    @Test
    void overridesAreUsedAndShowInTheCommand() {
        BenchSettings s = BenchSettings.fromEnvironment(ROOT, Map.of("BENCH_APPLIANCES", "20",
                "BENCH_RESTIC_SNAPSHOTS", "5"));

        assertThat(s.appliances()).isEqualTo(20);
        assertThat(s.resticSnapshots()).isEqualTo(5);
        assertThat(s.command()).contains("BENCH_APPLIANCES=20", "BENCH_RESTIC_SNAPSHOTS=5")
                .endsWith("deploy/bench/run");
    }

    @Test
    void resticDefaultsToASampleNeverLargerThanTheFleetAndCannotExceedIt() {
        assertThat(BenchSettings.fromEnvironment(ROOT, Map.of("BENCH_APPLIANCES", "7"))
                .resticSnapshots()).isEqualTo(7);
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(ROOT, Map.of("BENCH_APPLIANCES",
                "7", "BENCH_RESTIC_SNAPSHOTS", "8")))
                .hasMessageContaining("BENCH_RESTIC_SNAPSHOTS must be a whole number from 0 to 7,"
                        + " not '8'");
    }

    @Test
    void aValueThatIsNoNumberIsNamed() {
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(ROOT,
                Map.of("BENCH_SNAPSHOT_BYTES", "1MiB")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BENCH_SNAPSHOT_BYTES").hasMessageContaining("'1MiB'");
    }

    @Test
    void onlyPicksPartsAndThenLeavesTheDocsAlone() {
        BenchSettings s = BenchSettings.fromEnvironment(ROOT, Map.of("BENCH_ONLY",
                "fleet-burst, other"));

        assertThat(s.runs(new FleetBurst())).isTrue();
        assertThat(s.only()).containsExactlyInAnyOrder("fleet-burst", "other");
        assertThat(s.writeDocs()).isFalse();
        assertThat(s.command()).startsWith("BENCH_ONLY=fleet-burst,other ");
        assertThat(BenchSettings.fromEnvironment(ROOT, Map.of()).runs(new FleetBurst())).isTrue();
        assertThatThrownBy(() -> BenchSettings.fromEnvironment(ROOT, Map.of("BENCH_ONLY",
                "Fleet Burst"))).hasMessageContaining("BENCH_ONLY");
    }
}
