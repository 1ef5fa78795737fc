package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link FleetCatalog} must do; run against both catalogs. */
abstract class FleetCatalogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    abstract Catalog catalog();

    abstract FleetCatalog fleet();

    abstract PruneCatalog prune();

    void enrol(String id, String fleet) throws Exception {
        catalog().enrol(new Appliance(id, fleet, "KEY-" + id, "FP-" + id, T0));
    }

    /** A row captured at {@code T0 + millis}, with a fraction in its ISO text when not whole. */
    static SnapshotRecord row(String appliance, long millis, Trigger trigger, String label) {
        Instant at = T0.plusMillis(millis);
        SnapshotId id = SnapshotId.mint(Clock.fixed(at, ZoneOffset.UTC));
        return new SnapshotRecord(id, appliance, "lab", millis, trigger, at, "UTC", label, true,
                10, "a".repeat(64), 20, "b".repeat(64), "snapshots/lab/" + appliance + "/" + id,
                "FP", at, null, null);
    }

    @Test
    void appliancesArePagedByIdWithinTheFleetsAsked() throws Exception {
        enrol("c-3", "lab");
        enrol("a-1", "lab");
        enrol("b-2", "prod");
        enrol("d-4", "edge");

        assertThat(fleet().appliances(null, null, 2)).extracting(Appliance::id)
                .containsExactly("a-1", "b-2");
        assertThat(fleet().appliances("b-2", null, 10)).extracting(Appliance::id)
                .containsExactly("c-3", "d-4");
        assertThat(fleet().appliances(null, Set.of("lab", "edge"), 10)).extracting(Appliance::id)
                .containsExactly("a-1", "c-3", "d-4");
        assertThat(fleet().appliances("a-1", Set.of("lab"), 10)).extracting(Appliance::id)
                .containsExactly("c-3");
        assertThat(fleet().appliances(null, Set.of(), 10)).isEmpty();
        assertThat(fleet().appliances(null, Set.of("nowhere"), 10)).isEmpty();
    }

    @Test
    void theLatestRefusalIsKeptOnlyForAnEnrolledAppliance() throws Exception {
        enrol("nas-1", "lab");
        assertThat(fleet().lastRefusal("nas-1")).isEmpty();

        assertThat(fleet().recordRefusal(new ApplianceError("nas-1", T0, "signature",
                "bad signature"))).isTrue();
        assertThat(fleet().recordRefusal(new ApplianceError("nas-1", T0.plusSeconds(5),
                "malformed", "bundle refused"))).isTrue();
        assertThat(fleet().recordRefusal(new ApplianceError("ghost", T0, "unknown-appliance",
                "not enrolled"))).isFalse();

        assertThat(fleet().lastRefusal("nas-1")).contains(new ApplianceError("nas-1",
                T0.plusSeconds(5), "malformed", "bundle refused"));
        assertThat(fleet().lastRefusal("ghost")).isEmpty();
    }

    @Test
    void aRefusalReasonIsCutToItsBound() {
        ApplianceError error = new ApplianceError("nas-1", T0, "malformed", "x".repeat(5000));
        assertThat(error.reason()).hasSize(ApplianceError.MAX_REASON);
    }

    @Test
    void theAgentVersionMovesForwardOnlyBySignedTime() throws Exception {
        assertThat(fleet().agentVersion("nas-1")).isEmpty();
        fleet().recordAgent("nas-1", T0.plusSeconds(10), "1.2.0");
        fleet().recordAgent("nas-1", T0, "1.1.0");
        assertThat(fleet().agentVersion("nas-1")).contains("1.2.0");
        fleet().recordAgent("nas-1", T0.plusSeconds(11), "1.3.0");
        assertThat(fleet().agentVersion("nas-1")).contains("1.3.0");
    }

    @Test
    void snapshotsArePagedNewestFirstByPositionAcrossFractionalSeconds() throws Exception {
        List<SnapshotRecord> rows = new ArrayList<>();
        // Whole and fractional seconds: as ISO text "…00Z" sorts after "…00.500Z".
        for (long ms : new long[] {0, 500, 1000, 1001, 2000, 2500}) {
            SnapshotRecord row = row("nas-1", ms, Trigger.SCHEDULE, null);
            rows.add(row);
            catalog().insert(row);
        }
        catalog().insert(row("nas-2", 700, Trigger.SCHEDULE, null));

        List<SnapshotId> walked = new ArrayList<>();
        SnapshotFilter filter = SnapshotFilter.ALL;
        while (true) {
            List<SnapshotRecord> page = fleet().snapshots("nas-1", filter, 4);
            page.forEach(s -> walked.add(s.id()));
            if (page.size() < 4) {
                break;
            }
            filter = filter.after(SnapshotFilter.Position.of(page.getLast()));
        }
        assertThat(walked).containsExactly(rows.get(5).id(), rows.get(4).id(), rows.get(3).id(),
                rows.get(2).id(), rows.get(1).id(), rows.get(0).id());
    }

    @Test
    void snapshotsAreFilteredByTimeRangeTriggerAndLabel() throws Exception {
        SnapshotRecord first = row("nas-1", 0, Trigger.SCHEDULE, null);
        SnapshotRecord manual = row("nas-1", 1500, Trigger.MANUAL, "before-upgrade");
        SnapshotRecord change = row("nas-1", 3000, Trigger.CHANGE, null);
        SnapshotRecord other = row("nas-1", 4000, Trigger.MANUAL, "Before-Upgrade");
        for (SnapshotRecord r : List.of(first, manual, change, other)) {
            catalog().insert(r);
        }

        assertThat(ids(new SnapshotFilter(T0.plusMillis(1500), T0.plusMillis(4000), null, null,
                null))).containsExactly(change.id(), manual.id());
        assertThat(ids(new SnapshotFilter(null, null, Trigger.MANUAL, null, null)))
                .containsExactly(other.id(), manual.id());
        assertThat(ids(new SnapshotFilter(null, null, null, "before-upgrade", null)))
                .containsExactly(manual.id());
        assertThat(ids(new SnapshotFilter(null, null, Trigger.CHANGE, "before-upgrade", null)))
                .isEmpty();
        assertThat(ids(new SnapshotFilter(T0.plusMillis(1501), null, null, null, null)))
                .containsExactly(other.id(), change.id());
    }

    @Test
    void aManifestIsStoredOnceAndGoesWithItsPurgedSnapshot() throws Exception {
        SnapshotRecord row = row("nas-1", 0, Trigger.SCHEDULE, null);
        StoredManifest manifest = new StoredManifest("2.0.1", "keys missing", List.of(
                new ManifestEntry("config.db", SourceKind.SQLITE, 4096, "c".repeat(64), 0600,
                        Instant.parse("2026-11-22T09:00:00.123456789Z"), true),
                new ManifestEntry("etc/hosts", SourceKind.FILE, 12, "d".repeat(64), 0644,
                        null, false)));
        assertThat(fleet().manifest(row.id())).isEmpty();

        fleet().putManifest(row.id(), manifest);
        fleet().putManifest(row.id(), new StoredManifest("9.9.9", null, List.of()));
        catalog().insert(row);

        assertThat(fleet().manifest(row.id())).contains(manifest);

        prune().tombstone(List.of(new PruneCatalog.Deletion(row.id(), "retention", "test")),
                T0.plusSeconds(60));
        prune().purge(List.of(row.id()));
        assertThat(fleet().manifest(row.id())).isEmpty();
    }

    private List<SnapshotId> ids(SnapshotFilter filter) throws Exception {
        return fleet().snapshots("nas-1", filter, 100).stream().map(SnapshotRecord::id).toList();
    }
}
