package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Objects;

/**
 * One appliance's part of a snapshot request: a request for one appliance has one row, a fleet
 * request one per appliance of the fleet, all with the same request id.
 *
 * @param scope       {@code appliance} or {@code fleet}: what the operator asked for
 * @param label       the label for the manifest, or null
 * @param requestedBy the caller's name
 * @param fulfilledBy the stored snapshot whose signed manifest names this request and appliance,
 *                    or null while there is none
 * @param fulfilledAt when the vault stored it (vault clock), or null
 */
public record SnapshotRequestRow(SnapshotId requestId, String applianceId, String fleet,
                                 String scope, String label, Instant requestedAt,
                                 String requestedBy, Instant expiresAt, SnapshotId fulfilledBy,
                                 Instant fulfilledAt) {

    public static final String APPLIANCE_SCOPE = "appliance";
    public static final String FLEET_SCOPE = "fleet";

    public SnapshotRequestRow {
        Objects.requireNonNull(requestId, "requestId");
        Identifiers.requireName("appliance id", applianceId);
        Identifiers.requireName("fleet", fleet);
        if (!APPLIANCE_SCOPE.equals(scope) && !FLEET_SCOPE.equals(scope)) {
            throw new IllegalArgumentException("Unknown snapshot request scope");
        }
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if ((fulfilledBy == null) != (fulfilledAt == null)) {
            throw new IllegalArgumentException("A fulfilled request names snapshot and time");
        }
    }

    /** The row as fulfilled by {@code snapshot}, stored at {@code at}. */
    public SnapshotRequestRow fulfilled(SnapshotId snapshot, Instant at) {
        return new SnapshotRequestRow(requestId, applianceId, fleet, scope, label, requestedAt,
                requestedBy, expiresAt, snapshot, at);
    }
}
