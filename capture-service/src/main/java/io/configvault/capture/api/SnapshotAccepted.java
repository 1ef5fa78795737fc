package io.configvault.capture.api;

import io.micronaut.serde.annotation.Serdeable;

/** The snapshot is in the outbox; it is published as soon as the broker allows. */
@Serdeable
public record SnapshotAccepted(String snapshotId, String trigger, long sequence) {
}
