package io.configvault.vault.api;

import io.configvault.vault.catalog.Hold;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An operator's hold on a snapshot as the API shows it.
 *
 * @param heldBy who placed it (the name of their bearer token)
 */
@Serdeable
public record HoldView(String snapshotId, String reason, String heldBy, String heldAt) {

    static HoldView of(Hold hold) {
        return new HoldView(hold.snapshotId().toString(), hold.reason(), hold.heldBy(),
                hold.heldAt().toString());
    }
}
