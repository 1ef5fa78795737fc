package io.configvault.vault.ingest;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;

/**
 * Object keys are derived only from verified identities — fleet and appliance id as enrolled, the
 * snapshot id from the signed manifest — so the same snapshot always maps to the same key and a
 * redelivery meets its own object: {@code snapshots/<fleet>/<appliance>/<snapshot-id>.tar.pgp}.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    public static String snapshot(String fleet, String applianceId, SnapshotId id) {
        return "snapshots/" + Identifiers.requireName("fleet", fleet) + "/"
                + Identifiers.requireName("appliance id", applianceId) + "/" + id + ".tar.pgp";
    }
}
