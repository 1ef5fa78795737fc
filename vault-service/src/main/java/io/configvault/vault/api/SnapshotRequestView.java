package io.configvault.vault.api;

import io.configvault.vault.catalog.SnapshotRequestRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot request as the API shows it: what was asked, by whom, and per appliance (a page, by
 * appliance id) whether its snapshot arrived. {@code status} is {@code fulfilled} when every
 * appliance of this page is, {@code expired} when one is not and the request expired,
 * {@code pending} otherwise; {@code next} is the appliance id to pass as {@code after} for the
 * next page, or null.
 */
@Serdeable
public record SnapshotRequestView(String requestId, String scope, String fleet,
                                  @Nullable String label, String requestedAt, String requestedBy,
                                  String expiresAt, String status, List<Target> appliances,
                                  @Nullable String next) {

    /** One appliance's part: {@code pending}, {@code fulfilled} or {@code expired}. */
    @Serdeable
    public record Target(String applianceId, String status, @Nullable String fulfilledBy,
                         @Nullable String fulfilledAt) {
    }

    static SnapshotRequestView of(List<SnapshotRequestRow> rows, Instant now,
                                  @Nullable String next) {
        SnapshotRequestRow first = rows.getFirst();
        List<Target> targets = rows.stream().map(row -> new Target(row.applianceId(),
                status(row, now), row.fulfilledBy() == null ? null : row.fulfilledBy().toString(),
                row.fulfilledAt() == null ? null : row.fulfilledAt().toString())).toList();
        String status = targets.stream().allMatch(t -> t.status().equals("fulfilled"))
                ? "fulfilled"
                : targets.stream().anyMatch(t -> t.status().equals("expired")) ? "expired"
                : "pending";
        return new SnapshotRequestView(first.requestId().toString(), first.scope(),
                first.fleet(), first.label(), first.requestedAt().toString(),
                first.requestedBy(), first.expiresAt().toString(), status, targets, next);
    }

    /** The request without the appliance list: a page after the last appliance. */
    SnapshotRequestView withoutAppliances() {
        return new SnapshotRequestView(requestId, scope, fleet, label, requestedAt, requestedBy,
                expiresAt, status, List.of(), null);
    }

    private static String status(SnapshotRequestRow row, Instant now) {
        if (row.fulfilledBy() != null) {
            return "fulfilled";
        }
        return now.isBefore(row.expiresAt()) ? "pending" : "expired";
    }
}
