package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.vault.config.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passes run by themselves every interval, unless switched off. */
class PassScheduleTest {

    @TempDir
    Path dir;

    static RetentionSettings every(Duration interval, boolean enabled) {
        RetentionSettings d = RetentionSettings.defaults();
        return new RetentionSettings(enabled, interval, d.floorNewestVerified(), d.floorMinAge(),
                d.burstMaxSnapshots(), d.burstWindow(), d.maxClockSkew(), d.lockMode());
    }

    @Test
    void passesRunEveryIntervalAsRetention() throws Exception {
        PassFixture vault = new PassFixture(dir);
        vault.daily("nas-1", "lab", 3);

        try (PassSchedule schedule = new PassSchedule(vault.runner(),
                every(Duration.ofSeconds(1), true))) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    vault.counter(RetentionMetrics.PASSES, "outcome", "ok") >= 2);
        }

        assertThat(vault.prune.tombstoned(10)).isEmpty();
        assertThat(vault.catalog.snapshots("nas-1", 10)).hasSize(2);
    }

    @Test
    void switchedOffItSaysSo() throws Exception {
        PassFixture vault = new PassFixture(dir);

        try (CapturedLog log = new CapturedLog(PassSchedule.class);
             PassSchedule schedule = new PassSchedule(vault.runner(),
                     every(Duration.ofSeconds(1), false))) {
            assertThat(log.lines("INFO")).containsExactly(
                    "Scheduled retention passes are off (vault.retention.enabled=false)");
        }
    }
}
