package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.retention.RetentionService.PassReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A report stays small whatever the catalog's size. */
class PassProgressTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void warningsAndFailuresKeepTheirFirstLinesAndCountTheRest() {
        PassProgress progress = new PassProgress(T0);
        for (int i = 0; i < PassProgress.MAX_LINES + 50; i++) {
            progress.warn("warning " + i);
            progress.failed("failure " + i);
        }

        PassReport report = progress.report(T0.plusSeconds(1), null);

        assertThat(report.warnings()).hasSize(PassProgress.MAX_LINES + 1)
                .startsWith("warning 0").endsWith("… and 50 more warnings");
        assertThat(report.failed()).hasSize(PassProgress.MAX_LINES + 1)
                .endsWith("… and 50 more deletions");
    }
}
