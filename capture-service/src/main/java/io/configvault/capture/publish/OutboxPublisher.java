package io.configvault.capture.publish;

import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.outbox.OutboxException;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.status.CaptureMetrics;
import io.configvault.capture.status.LogFields;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One step of draining the outbox: publish its oldest entry, then remove it. An entry whose spool
 * file is missing or does not match the entry is never published (not even in part): it is
 * marked damaged, reported, and the snapshots behind it go on. Heartbeats are entries like
 * snapshots, published as their single {@code heartbeat} event. Not thread-safe: one drainer.
 */
public final class OutboxPublisher {

    /** What one step did. */
    public sealed interface Outcome {
        /** The outbox is empty. */
        record Idle() implements Outcome {
        }

        record Published(SnapshotId snapshotId) implements Outcome {
        }

        /** The entry cannot ever be published; it stays in the outbox, marked. */
        record Damaged(SnapshotId snapshotId, String reason) implements Outcome {
        }

        /** Nothing changed; retry the same entry later. */
        record Failed(String reason) implements Outcome {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Outbox outbox;
    private final SnapshotPublisher publisher;
    private final AgentStatus status;
    private final String applianceId;
    private final int segmentBytes;
    private final CaptureMetrics metrics;
    private final Clock clock;

    public OutboxPublisher(Outbox outbox, SnapshotPublisher publisher, AgentStatus status,
                           String applianceId, int segmentBytes) {
        this(outbox, publisher, status, applianceId, segmentBytes, CaptureMetrics.none(),
                Clock.systemUTC());
    }

    /**
     * @param metrics where published snapshots are counted and their latency recorded
     * @param clock   the clock of the capture times in the outbox
     */
    public OutboxPublisher(Outbox outbox, SnapshotPublisher publisher, AgentStatus status,
                           String applianceId, int segmentBytes, CaptureMetrics metrics,
                           Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.outbox = outbox;
        this.publisher = publisher;
        this.status = status;
        this.applianceId = applianceId;
        this.segmentBytes = segmentBytes;
    }

    public Outcome publishOldest() throws InterruptedException {
        try (MDC.MDCCloseable appliance = MDC.putCloseable(LogFields.APPLIANCE_ID,
                applianceId)) {
            return publishOldestEntry();
        }
    }

    private Outcome publishOldestEntry() throws InterruptedException {
        Optional<OutboxEntry> next;
        try {
            next = outbox.oldest();
        } catch (OutboxException e) {
            return failed(e.getMessage());
        }
        if (next.isEmpty()) {
            return new Outcome.Idle();
        }
        OutboxEntry entry = next.get();
        SnapshotId id = entry.snapshotId();
        try (MDC.MDCCloseable snapshot = MDC.putCloseable(LogFields.SNAPSHOT_ID, id.toString())) {
            return publish(entry, id);
        }
    }

    private Outcome publish(OutboxEntry entry, SnapshotId id) throws InterruptedException {
        SealedSnapshotFile sealed;
        try {
            sealed = verified(entry);
        } catch (DamagedEntry e) {
            return damaged(entry, e.getMessage());
        }
        try {
            publisher.publish(sealed);
        } catch (PublishException e) {
            return failed("Cannot publish snapshot " + id + " of appliance " + applianceId + ": "
                    + e.getMessage());
        }
        try {
            outbox.remove(id);
        } catch (OutboxException e) {
            // Published but still in the outbox: it will be published again, which consumers
            // tolerate (same snapshot id). Never the other way round.
            return failed(e.getMessage());
        }
        if (entry.kind() == EventKind.HEARTBEAT) {
            status.succeeded(AgentStatus.Part.PUBLISH);
            LOG.info("Published heartbeat {} (sequence {})", id, entry.sequence());
        } else {
            status.published(id);
            metrics.published(Duration.between(entry.createdAt(), clock.instant()));
            LOG.info("Published snapshot {} (sequence {}, {} segment(s))", id, entry.sequence(),
                    sealed.segmentCount());
        }
        return new Outcome.Published(id);
    }

    /** The spool file, checked against the outbox entry before any segment leaves. */
    private SealedSnapshotFile verified(OutboxEntry entry) throws DamagedEntry {
        if (!Files.isRegularFile(entry.spoolFile())) {
            throw new DamagedEntry("its spool file " + entry.spoolFile() + " is missing");
        }
        SealedSnapshotFile sealed;
        try {
            sealed = entry.kind() == EventKind.HEARTBEAT
                    ? SealedSnapshotFile.heartbeat(entry.spoolFile(), applianceId,
                            entry.snapshotId())
                    : SealedSnapshotFile.of(entry.spoolFile(), applianceId, entry.snapshotId(),
                            segmentBytes);
        } catch (IOException e) {
            throw new DamagedEntry("its spool file cannot be read (" + e.getMessage() + ")");
        }
        if (sealed.size() != entry.sealedBytes() || !sealed.sha256().equals(entry.sealedSha256())) {
            throw new DamagedEntry("its spool file does not match the outbox entry (size or"
                    + " SHA-256 changed)");
        }
        return sealed;
    }

    private Outcome damaged(OutboxEntry entry, String reason) {
        String message = "Cannot publish snapshot " + entry.snapshotId() + " (sequence "
                + entry.sequence() + ") of appliance " + applianceId + ": " + reason
                + "; it stays in the outbox marked damaged, and later snapshots go on";
        try {
            outbox.markDamaged(entry.snapshotId(), reason);
        } catch (OutboxException e) {
            return failed(e.getMessage());
        }
        LOG.error("{}", message);
        status.failed(AgentStatus.Part.OUTBOX, message);
        return new Outcome.Damaged(entry.snapshotId(), reason);
    }

    private Outcome failed(String message) {
        status.failed(AgentStatus.Part.PUBLISH, message);
        return new Outcome.Failed(message);
    }

    private static final class DamagedEntry extends Exception {
        DamagedEntry(String message) {
            super(message, null, false, false);
        }
    }
}
