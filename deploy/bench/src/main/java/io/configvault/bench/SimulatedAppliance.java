package io.configvault.bench;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Path;

/**
 * One simulated appliance of the fleet and the snapshot it is about to publish.
 *
 * @param id            appliance id, enrolled in the vault by configuration
 * @param publicKeyFile its signing key's certificate, as the vault's configuration names it
 * @param contentFile   its configuration file (the bytes every system backs up)
 * @param sealedFile    the snapshot sealed to the vault's ingest key and signed by the appliance
 * @param snapshotId    the snapshot's id
 */
record SimulatedAppliance(String id, Path publicKeyFile, Path contentFile, Path sealedFile,
                          SnapshotId snapshotId) {

    /** {@code bench-0001}, ...: ids that sort in fleet order. */
    static String name(int index) {
        return String.format(java.util.Locale.ROOT, "bench-%04d", index + 1);
    }
}
