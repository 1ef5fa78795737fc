package io.configvault.vault.catalog;

import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * What the catalog keeps of a snapshot's signed manifest beyond its row: the agent version, why
 * it is not restorable, and the entries in manifest order. At most the bundle limits' entries
 * ({@code BundleLimits.DEFAULT}): the ingest refuses a bundle with more.
 *
 * @param notRestorableReason null exactly when the snapshot is restorable
 */
public record StoredManifest(String agentVersion, @Nullable String notRestorableReason,
                             List<ManifestEntry> entries) {

    public StoredManifest {
        Objects.requireNonNull(agentVersion, "agentVersion");
        entries = List.copyOf(entries);
    }

    public static StoredManifest of(Manifest manifest) {
        return new StoredManifest(manifest.agentVersion(), manifest.notRestorableReason(),
                manifest.entries());
    }
}
