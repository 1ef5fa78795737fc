package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotRequestCatalog} must do; run against both catalogs. */
abstract class SnapshotRequestCatalogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final SnapshotId REQUEST = SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab");
    static final SnapshotId OTHER_REQUEST =
            SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ac");
    static final SnapshotId SNAPSHOT = SnapshotId.parse("01936f4e-9c00-7def-8abc-0123456789ab");
    static final SnapshotId LATER_SNAPSHOT =
            SnapshotId.parse("01936f4e-9d00-7def-8abc-0123456789ab");

    abstract Catalog catalog();

    abstract SnapshotRequestCatalog requests();

    static SnapshotRequestRow row(SnapshotId request, String appliance) {
        return new SnapshotRequestRow(request, appliance, "lab", SnapshotRequestRow.FLEET_SCOPE,
                "before upgrade", T0, "admin", T0.plusSeconds(3600), null, null);
    }

    @Test
    void rowsAreAddedOnceAndReadInAppliancePages() throws Exception {
        assertThat(requests().addSnapshotRequest(row(REQUEST, "nas-2"))).isTrue();
        assertThat(requests().addSnapshotRequest(row(REQUEST, "nas-1"))).isTrue();
        assertThat(requests().addSnapshotRequest(row(REQUEST, "nas-3"))).isTrue();
        assertThat(requests().addSnapshotRequest(row(OTHER_REQUEST, "nas-1"))).isTrue();

        assertThat(requests().addSnapshotRequest(row(REQUEST, "nas-1"))).isFalse();
        assertThat(requests().snapshotRequest(REQUEST, null, 2))
                .containsExactly(row(REQUEST, "nas-1"), row(REQUEST, "nas-2"));
        assertThat(requests().snapshotRequest(REQUEST, "nas-2", 2))
                .containsExactly(row(REQUEST, "nas-3"));
        assertThat(requests().snapshotRequest(
                SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ad"), null, 10)).isEmpty();
    }

    @Test
    void theFirstSnapshotFulfilsTheRowOfItsApplianceOnly() throws Exception {
        requests().addSnapshotRequest(row(REQUEST, "nas-1"));
        requests().addSnapshotRequest(row(REQUEST, "nas-2"));
        Instant stored = T0.plusSeconds(60);

        assertThat(requests().fulfil(REQUEST, "nas-1", SNAPSHOT, stored)).isTrue();
        assertThat(requests().fulfil(REQUEST, "nas-1", LATER_SNAPSHOT, stored.plusSeconds(5)))
                .as("a second snapshot for the same request").isFalse();
        assertThat(requests().fulfil(REQUEST, "nas-9", SNAPSHOT, stored))
                .as("an appliance the request was not sent to").isFalse();
        assertThat(requests().fulfil(OTHER_REQUEST, "nas-1", SNAPSHOT, stored)).isFalse();

        assertThat(requests().snapshotRequest(REQUEST, null, 10)).containsExactly(
                row(REQUEST, "nas-1").fulfilled(SNAPSHOT, stored), row(REQUEST, "nas-2"));
    }

    @Test
    void progressCountsEveryApplianceOfTheRequestAndThoseFulfilled() throws Exception {
        assertThat(requests().snapshotRequestProgress(REQUEST))
                .isEqualTo(new SnapshotRequestCatalog.Progress(0, 0));
        requests().addSnapshotRequest(row(REQUEST, "nas-1"));
        requests().addSnapshotRequest(row(REQUEST, "nas-2"));
        requests().addSnapshotRequest(row(REQUEST, "nas-3"));
        requests().addSnapshotRequest(row(OTHER_REQUEST, "nas-1"));
        requests().fulfil(REQUEST, "nas-2", SNAPSHOT, T0.plusSeconds(60));

        assertThat(requests().snapshotRequestProgress(REQUEST))
                .isEqualTo(new SnapshotRequestCatalog.Progress(3, 1));
        assertThat(requests().snapshotRequestProgress(OTHER_REQUEST))
                .isEqualTo(new SnapshotRequestCatalog.Progress(1, 0));
    }

    @Test
    void aRowWithoutLabelKeepsItsNullLabel() throws Exception {
        SnapshotRequestRow row = new SnapshotRequestRow(REQUEST, "nas-1", "lab",
                SnapshotRequestRow.APPLIANCE_SCOPE, null, T0, "ops", T0.plusSeconds(60), null,
                null);
        requests().addSnapshotRequest(row);

        assertThat(requests().snapshotRequest(REQUEST, null, 10)).containsExactly(row);
    }

    @Test
    void fleetAppliancesAreListedInPagesOfThatFleetOnly() throws Exception {
        for (String id : new String[] {"nas-3", "nas-1", "nas-2"}) {
            catalog().enrol(new Appliance(id, "lab", "key", "fp-" + id, T0));
        }
        catalog().enrol(new Appliance("other-1", "prod", "key", "fp-o", T0));

        assertThat(requests().fleetAppliances("lab", null, 2)).containsExactly("nas-1", "nas-2");
        assertThat(requests().fleetAppliances("lab", "nas-2", 2)).containsExactly("nas-3");
        assertThat(requests().fleetAppliances("none", null, 2)).isEmpty();
    }
}
