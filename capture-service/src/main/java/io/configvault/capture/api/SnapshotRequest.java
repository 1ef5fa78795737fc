package io.configvault.capture.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /api/v1/snapshots}; the body itself is optional. */
@Serdeable
public record SnapshotRequest(@Nullable String label) {
}
