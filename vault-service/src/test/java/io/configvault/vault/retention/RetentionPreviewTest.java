package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.retention.RetentionService.PreviewPage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview: the pass's appliances and plans, a page at a time, and nothing written. */
class RetentionPreviewTest {

    @TempDir
    Path dir;

    PassFixture vault;

    @BeforeEach
    void vault() throws Exception {
        vault = new PassFixture(dir);
        vault.daily("fw-1", "edge", 3);
        vault.daily("nas-1", "lab", 3);
        vault.daily("nas-2", "lab", 1);
        vault.daily("nas-3", "lab", 4);
    }

    List<String> ids(PreviewPage page) {
        return page.plans().stream().map(AppliancePlan::applianceId).toList();
    }

    @Test
    void plansEveryOwnedApplianceByIdAPageAtATime() throws Exception {
        PassRunner retention = vault.runner();

        PreviewPage first = retention.preview(null, null, null, 2);
        PreviewPage second = retention.preview(null, null, first.next(), 2);

        assertThat(ids(first)).containsExactly("fw-1", "nas-1");
        assertThat(first.next()).isEqualTo("nas-1");
        assertThat(first.at()).isEqualTo(vault.clock.instant());
        assertThat(ids(second)).containsExactly("nas-2", "nas-3");
        assertThat(second.next()).isNull();
        assertThat(second.plans().get(1).delete()).hasSize(2);
        assertThat(second.plans().get(1).keep()).hasSize(2);
    }

    @Test
    void writesNothing() throws Exception {
        List<SnapshotRecord> nas3 = vault.catalog.snapshots("nas-3", 10);

        vault.runner().preview(null, null, null, 10);

        assertThat(vault.catalog.snapshots("nas-3", 10)).isEqualTo(nas3);
        assertThat(vault.prune.tombstoned(10)).isEmpty();
        assertThat(vault.prune.lastPassAt()).isEmpty();
        assertThat(((AuditLog) vault.catalog).recentAudit(10)).isEmpty();
        assertThat(vault.objects()).hasSize(11);
    }

    @Test
    void aFleetOrAnApplianceNarrowsIt() throws Exception {
        PassRunner retention = vault.runner();

        assertThat(ids(retention.preview("lab", null, null, 10)))
                .containsExactly("nas-1", "nas-2", "nas-3");
        assertThat(ids(retention.preview("lab", null, "nas-1", 1))).containsExactly("nas-2");
        assertThat(ids(retention.preview("nowhere", null, null, 10))).isEmpty();
        assertThat(ids(retention.preview(null, "nas-3", null, 10))).containsExactly("nas-3");
        assertThat(ids(retention.preview("lab", "nas-3", null, 10))).containsExactly("nas-3");
        assertThat(ids(retention.preview("edge", "nas-3", null, 10))).isEmpty();
        assertThat(ids(retention.preview(null, "nas-3", "nas-3", 10))).isEmpty();
        assertThat(ids(retention.preview(null, "nobody", null, 10))).isEmpty();
    }

    @Test
    void onlyOwnedAppliancesAreShown() throws Exception {
        vault.ownership = new RetentionPassTest.FixedOwnership(List.of("nas-1", "nas-3"));
        PassRunner retention = vault.runner();

        assertThat(ids(retention.preview(null, null, null, 10)))
                .containsExactly("nas-1", "nas-3");
        assertThat(ids(retention.preview(null, "nas-2", null, 10))).isEmpty();
    }

    @Test
    void thePageSizeIsAtLeastOne() {
        assertThatThrownBy(() -> vault.runner().preview(null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot preview retention: the page size must be at least 1, not 0");
    }
}
