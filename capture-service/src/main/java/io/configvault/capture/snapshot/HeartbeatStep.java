package io.configvault.capture.snapshot;

import io.configvault.capture.outbox.NewSnapshot;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxException;
import io.configvault.capture.seal.SealException;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.heartbeat.HeartbeatCodec;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's heartbeat step: when an automatic trigger finds the same content as the last
 * snapshot put into the outbox, a signed heartbeat takes the snapshot's place. MANUAL and
 * PRE_RESTORE captures are always full snapshots: an operator who asks for one, or a restore
 * about to overwrite the configuration, needs a snapshot of its own.
 *
 * <p>The heartbeat is sealed like a bundle (encrypted to the ingest key, signed by the appliance
 * key) and added to the outbox, so it is published in order with the snapshots and survives an
 * outage. It takes the capture's minted id and sequence number. Not thread-safe: the pipeline
 * calls it under its lock.
 */
final class HeartbeatStep {

    /** The triggers whose unchanged captures become heartbeats. */
    static final Set<Trigger> MAY_HEARTBEAT =
            EnumSet.of(Trigger.CHANGE, Trigger.SCHEDULE, Trigger.CATCH_UP);

    private final SnapshotSealer sealer;
    private final Outbox outbox;

    HeartbeatStep(SnapshotSealer sealer, Outbox outbox) {
        this.sealer = sealer;
        this.outbox = outbox;
    }

    /**
     * The last snapshot, when {@code manifest}'s trigger allows a heartbeat and its content
     * digest equals that snapshot's; otherwise empty, and a full snapshot is taken.
     */
    Optional<Outbox.LastSnapshot> unchangedSince(Manifest manifest, String contentDigest)
            throws OutboxException {
        if (!MAY_HEARTBEAT.contains(manifest.trigger())) {
            return Optional.empty();
        }
        return outbox.lastSnapshot().filter(last -> last.contentDigest().equals(contentDigest));
    }

    /**
     * Writes the heartbeat document for {@code manifest}'s capture, seals it and adds it to the
     * outbox; durable when it returns, like a snapshot.
     *
     * @param json   where the plaintext document goes (in the staging area; must not exist)
     * @param sealed where the sealed message goes (must not exist)
     */
    CapturedSnapshot send(Manifest manifest, Outbox.LastSnapshot last, Path json, Path sealed)
            throws IOException, SealException, OutboxException {
        Heartbeat heartbeat = new Heartbeat(Heartbeat.FORMAT, manifest.applianceId(),
                manifest.fleet(), manifest.snapshotId(), manifest.capturedAt(),
                manifest.trigger(), last.snapshotId(), last.contentDigest(),
                manifest.agentVersion());
        Files.write(json, HeartbeatCodec.encode(heartbeat), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        sealer.seal(json, sealed);
        long sealedBytes = outbox.add(new NewSnapshot(manifest.snapshotId(), manifest.sequence(),
                manifest.trigger(), manifest.capturedAt(), EventKind.HEARTBEAT,
                last.contentDigest()), sealed).sealedBytes();
        return new CapturedSnapshot(manifest.snapshotId(), manifest.sequence(),
                manifest.trigger(), manifest.entries().size(), sealedBytes, EventKind.HEARTBEAT);
    }
}
