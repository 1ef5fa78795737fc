package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CatalogFigureTest {

    private static final long S = 1_000_000_000L;

    @Test
    void listingsAsPercentilesAndPassesAsTimes() {
        long[] micros = LongStream.rangeClosed(1, 20).map(i -> i * 1_000).toArray();
        CatalogResult result = new CatalogResult(new ScaleFleet(10_000, 100,
                Instant.parse("2026-11-22T10:00:00Z")), 20 * S, 600L << 20, 10 * S,
                List.of(new CatalogResult.Listing("Fleet view, first page",
                        "/api/v1/appliances?limit=100", 100, micros)), 3 * S,
                new CatalogResult.Pass(40 * S, 10_000, 10_000),
                new CatalogResult.Pass(8 * S, 10_000, 0), 100L << 20);

        Figure figure = CatalogFigure.of(result);

        assertThat(figure.id()).isEqualTo("catalog-scale");
        assertThat(figure.title()).isEqualTo("Figure 5: catalog at scale, 1,000,000 snapshot rows");
        assertThat(figure.rows().get(0)).containsExactly("Fleet view, first page", "100", "20",
                "10.0 ms", "19.0 ms", "20.0 ms");
        assertThat(figure.rows().get(2)).containsExactly(
                "Retention pass, deleting each appliance's oldest", "10,000", "1", "40.00 s", "",
                "");
        assertThat(figure.values()).containsEntry("fleetViewFirstPageMsP95", 19.0)
                .containsEntry("passDeleted", 10_000).containsEntry("steadyPassSeconds", 8.0);
        assertThat(figure.notes()).anyMatch(n -> n.startsWith("Fast: the slowest listing answers"
                + " in 19.0 ms at p95"));
        assertThat(figure.notes()).anyMatch(n -> n.contains("(250 deletions/s)"));
    }

    @Test
    void keysAreCamelCaseNames() {
        assertThat(CatalogFigure.key("One appliance's snapshots, last page (by its cursor)"))
                .isEqualTo("oneAppliancesSnapshotsLastPageByItsCursor");
    }
}
