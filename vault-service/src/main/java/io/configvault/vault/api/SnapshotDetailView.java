package io.configvault.vault.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.vault.catalog.StoredManifest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET /api/v1/snapshots/{id}}: the snapshot as listings show it, with its manifest and its
 * latest restore drill in full. Metadata only: names, sizes and digests, never content.
 *
 * @param manifestSource      {@code catalog} when the catalog recorded the manifest at ingest,
 *                            {@code object} when it was read from the stored object just now
 *                            (snapshots stored before the catalog kept manifests, catalogs
 *                            rebuilt from the bucket)
 * @param notRestorableReason why the agent marked it not restorable; null when restorable
 * @param verification        its latest restore drill with the evidence; null until one ran
 */
@Serdeable
public record SnapshotDetailView(@JsonUnwrapped SnapshotView snapshot, String manifestSource,
                                 String agentVersion, @Nullable String notRestorableReason,
                                 List<Entry> entries,
                                 @Nullable VerificationView verification) {

    /**
     * One manifest entry.
     *
     * @param kind      {@code sqlite}, {@code file}, {@code directory} or {@code command}
     * @param mode      POSIX permission bits in octal, e.g. {@code 0600}
     * @param sensitive whether the agent marked the content secret (keys, password hashes)
     */
    @Serdeable
    public record Entry(String name, String kind, long size, String sha256, String mode,
                        @Nullable String modifiedAt, boolean sensitive) {

        static Entry of(ManifestEntry e) {
            return new Entry(e.name(), e.kind().wireName(), e.size(), e.sha256(),
                    String.format("%04o", e.mode()),
                    e.modifiedAt() == null ? null : e.modifiedAt().toString(), e.sensitive());
        }
    }

    static SnapshotDetailView of(SnapshotView snapshot, String source, StoredManifest manifest,
                                 @Nullable VerificationView verification) {
        return new SnapshotDetailView(snapshot, source, manifest.agentVersion(),
                manifest.notRestorableReason(),
                manifest.entries().stream().map(Entry::of).toList(), verification);
    }
}
