package io.configvault.vault.api;

import io.configvault.vault.catalog.SnapshotRequestCatalog;
import io.configvault.vault.catalog.SnapshotRequestRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot request as the API shows it: what was asked, by whom, how many of its appliances
 * sent their snapshot ({@code appliancesTotal}, {@code appliancesFulfilled}, over the whole
 * request), and per appliance (a page, by appliance id) whether its snapshot arrived.
 * {@code status} is {@code fulfilled} when every appliance of the request is, {@code expired}
 * when one is not and the request expired, {@code pending} otherwise; {@code next} is the
 * appliance id to pass as {@code after} for the next page, or null.
 */
@Serdeable
public record SnapshotRequestView(String requestId, String scope, String fleet,
                                  @Nullable String label, String requestedAt, String requestedBy,
                                  String expiresAt, String status, int appliancesTotal,
                                  int appliancesFulfilled, List<Target> appliances,
                                  @Nullable String next) {

    /** One appliance's part: {@code pending}, {@code fulfilled} or {@code expired}. */
    @Serdeable
    public record Target(String applianceId, String status, @Nullable String fulfilledBy,
                         @Nullable String fulfilledAt) {
    }

    static SnapshotRequestView of(List<SnapshotRequestRow> rows,
                                  SnapshotRequestCatalog.Progress progress, Instant now,
                                  @Nullable String next) {
        SnapshotRequestRow first = rows.getFirst();
        List<Target> targets = rows.stream().map(row -> new Target(row.applianceId(),
                status(row, now), row.fulfilledBy() == null ? null : row.fulfilledBy().toString(),
                row.fulfilledAt() == null ? null : row.fulfilledAt().toString())).toList();
        String status = progress.fulfilled() == progress.appliances() ? "fulfilled"
                : now.isBefore(first.expiresAt()) ? "pending" : "expired";
        return new SnapshotRequestView(first.requestId().toString(), first.scope(),
                first.fleet(), first.label(), first.requestedAt().toString(),
                first.requestedBy(), first.expiresAt().toString(), status, progress.appliances(),
                progress.fulfilled(), targets, next);
    }

    /** The request without the appliance list: a page after the last appliance. */
    SnapshotRequestView withoutAppliances() {
        return new SnapshotRequestView(requestId, scope, fleet, label, requestedAt, requestedBy,
                expiresAt, status, appliancesTotal, appliancesFulfilled, List.of(), null);
    }

    private static String status(SnapshotRequestRow row, Instant now) {
        if (row.fulfilledBy() != null) {
            return "fulfilled";
        }
        return now.isBefore(row.expiresAt()) ? "pending" : "expired";
    }
}
