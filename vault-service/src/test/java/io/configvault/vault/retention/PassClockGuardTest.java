package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retention.RetentionService.PassReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUALITY 22: a vault clock behind the newest stored snapshot, or behind the previous pass, by
 * more than max-clock-skew (10 minutes here) makes the pass refuse to delete, and say why.
 */
class PassClockGuardTest {

    @TempDir
    Path dir;

    PassFixture vault;
    InMemoryCatalog memory;

    @BeforeEach
    void vault() {
        vault = new PassFixture(dir);
        memory = (InMemoryCatalog) vault.catalog;
    }

    @Test
    void aClockBehindTheNewestStoredSnapshotRefusesAndChangesNothing() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 3);
        Instant now = vault.clock.instant();
        Instant ahead = now.plus(Duration.ofMinutes(10)).plusMillis(1);
        SnapshotRecord future = vault.store("nas-2", "lab", PassFixture.T0, ahead);
        memory.tombstone(List.of(new PruneCatalog.Deletion(nas1.get(2).id(), "retention",
                "earlier")), now.minusSeconds(60));

        PassReport report;
        try (CapturedLog log = new CapturedLog(RetentionPass.class)) {
            report = vault.runner().run("admin");
            assertThat(log.lines("WARN")).containsExactly("Retention pass refused to delete: "
                    + report.refusal());
        }

        assertThat(report.refusal()).isEqualTo("the vault's clock (" + now + ") is behind the"
                + " newest stored snapshot (stored at " + ahead + ") by more than"
                + " vault.retention.max-clock-skew (PT10M); nothing is deleted until the clock"
                + " is right again (check the vault host's time sync)");
        assertThat(report.appliances()).isZero();
        assertThat(report.deleted()).isZero();
        assertThat(vault.live(nas1.get(0))).isTrue();
        assertThat(vault.live(future)).isTrue();
        assertThat(vault.prune.tombstoned(10)).as("not even earlier tombstones are finished")
                .containsExactly(nas1.get(2));
        assertThat(vault.objects()).contains(nas1.get(2).objectKey());
        assertThat(vault.prune.lastPassAt()).isEmpty();
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "refused")).isEqualTo(1);
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "ok")).isZero();
    }

    @Test
    void aStoredSnapshotWithinTheSkewIsNoReasonToRefuse() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 3);
        vault.store("nas-2", "lab", PassFixture.T0, vault.clock.instant()
                .plus(Duration.ofMinutes(10)));

        PassReport report = vault.runner().run("admin");

        assertThat(report.refusal()).isNull();
        assertThat(vault.live(nas1.get(0))).isFalse();
    }

    @Test
    void aClockThatMovedBackwardsPastThePreviousPassRefuses() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 4);
        vault.keepNewest = 3;
        Instant previous = vault.clock.instant();
        vault.runner().run("admin");
        vault.keepNewest = 2;
        vault.clock.advance(Duration.ofMinutes(-11));

        PassReport report = vault.runner().run("admin");

        assertThat(report.refusal()).isEqualTo("the vault's clock (" + vault.clock.instant()
                + ") is behind the start of the previous retention pass (" + previous + ") by"
                + " more than vault.retention.max-clock-skew (PT10M): it moved backwards;"
                + " nothing is deleted until the clock passes that time again (check the vault"
                + " host's time sync)");
        assertThat(vault.live(nas1.get(1))).isTrue();
        assertThat(vault.prune.lastPassAt()).contains(previous);

        vault.clock.advance(Duration.ofMinutes(2));
        PassReport within = vault.runner().run("admin");

        assertThat(within.refusal()).isNull();
        assertThat(vault.live(nas1.get(1))).isFalse();
        assertThat(vault.prune.lastPassAt()).as("forward only").contains(previous);
    }

    @Test
    void thePreviewSaysAPassWouldRefuseWithEveryPlan() throws Exception {
        vault.daily("nas-1", "lab", 3);
        vault.store("nas-2", "lab", PassFixture.T0, vault.clock.instant()
                .plus(Duration.ofHours(1)));

        RetentionService.PreviewPage page = vault.runner().preview(null, null, null, 10);

        assertThat(page.plans()).hasSize(2).allSatisfy(plan ->
                assertThat(plan.warnings().getFirst()).startsWith("a pass now would delete"
                        + " nothing: the vault's clock ("));
    }
}
