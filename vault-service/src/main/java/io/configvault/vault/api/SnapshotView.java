package io.configvault.vault.api;

import io.configvault.vault.catalog.Hold;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot as the API shows it: metadata only, never object keys or content.
 *
 * @param lastVerification the latest restore drill (outcome, time, trigger); absent until one ran
 * @param hold             the operator's hold on it; absent when there is none
 */
@Serdeable
public record SnapshotView(String id, String applianceId, String fleet, long sequence,
                           String capturedAt, String timeZone, String trigger,
                           @Nullable String label, boolean restorable, long sizeBytes,
                           String sha256, long storedBytes, String storedAt,
                           VerificationView.@Nullable Summary lastVerification,
                           @Nullable HoldView hold) {

    static SnapshotView of(SnapshotRecord s, Optional<Verification> lastVerification,
                           Optional<Hold> hold) {
        return new SnapshotView(s.id().toString(), s.applianceId(), s.fleet(), s.sequence(),
                s.capturedAt().toString(), s.timeZone(), s.trigger().name(), s.label(),
                s.restorable(), s.bundleBytes(), s.bundleSha256(), s.storedBytes(),
                s.storedAt().toString(),
                lastVerification.map(VerificationView.Summary::of).orElse(null),
                hold.map(HoldView::of).orElse(null));
    }

    /**
     * A page of snapshots; an empty page is {@code {"items": [], "next": null}}, not {@code {}}.
     *
     * @param next the {@code cursor} of the next page, null when this one is the last
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<SnapshotView> items, @Nullable String next) {
    }
}
