package io.configvault.vault.api;

import io.configvault.vault.catalog.SnapshotRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A snapshot as the API shows it: metadata only, never object keys or content. */
@Serdeable
public record SnapshotView(String id, String applianceId, String fleet, long sequence,
                           String capturedAt, String timeZone, String trigger,
                           @Nullable String label, boolean restorable, long sizeBytes,
                           String sha256, long storedBytes, String storedAt) {

    static SnapshotView of(SnapshotRecord s) {
        return new SnapshotView(s.id().toString(), s.applianceId(), s.fleet(), s.sequence(),
                s.capturedAt().toString(), s.timeZone(), s.trigger().name(), s.label(),
                s.restorable(), s.bundleBytes(), s.bundleSha256(), s.storedBytes(),
                s.storedAt().toString());
    }

    /** A page of snapshots; an empty page is {@code {"items": []}}, not {@code {}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<SnapshotView> items) {
    }
}
