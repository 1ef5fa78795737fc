package io.configvault.vault.ingest;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.EventFormatException;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.vault.LogFields;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.SnapshotRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One assigned partition of the snapshot topic, without Kafka: its records in offset order, its
 * reassembly, and the positions the loop may commit and restart from. Per record: decode
 * (malformed → quarantine), a heartbeat to the {@link HeartbeatIngestor}, a segment to the
 * {@link PartitionAssembler}, a complete snapshot to the {@link SnapshotIngestor} together with
 * the consumed position to record with its row. When {@link #accept} returns, the record's
 * effects are durable (row, quarantine record or sign of life); a {@link TransientIngestException}
 * means they may not be, and the loop must restart the partition from {@link #restartPosition}.
 * Not thread-safe: owned by the ingest loop's thread.
 */
final class PartitionIngest {

    /** Creates the state of a newly assigned partition. */
    @FunctionalInterface
    interface Factory {
        PartitionIngest create(String topic, int partition);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartitionIngest.class);

    private final String topic;
    private final int partition;
    private final PartitionAssembler assembler;
    private final SnapshotIngestor snapshots;
    private final HeartbeatIngestor heartbeats;
    private final Quarantine quarantine;
    private final IngestMetrics metrics;
    private final FaultPoint faults;
    /** Kafka's committed offset as far as this owner knows; -1 while unknown. */
    private long committed = -1;
    /** The offset after the last record handled since the last restart; -1 for none. */
    private long next = -1;
    /** The offset after the highest record ever read in this assignment; -1 for none. */
    private long highWater = -1;

    PartitionIngest(String topic, int partition, PartitionAssembler assembler,
                    SnapshotIngestor snapshots, HeartbeatIngestor heartbeats,
                    Quarantine quarantine, IngestMetrics metrics, FaultPoint faults) {
        this.topic = topic;
        this.partition = partition;
        this.assembler = assembler;
        this.snapshots = snapshots;
        this.heartbeats = heartbeats;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.faults = faults;
    }

    /** Where the owner starts reading: what Kafka has committed, or later (see the loop). */
    void startAt(long offset) {
        committed = offset;
        highWater = Math.max(highWater, offset);
    }

    /** Handles the record at {@code offset}; records must come in offset order. */
    void accept(long offset, EncodedRecord record) throws TransientIngestException {
        if (committed < 0 && next < 0) {
            // The consumer started at Kafka's committed offset (or the log start) by itself.
            committed = offset;
        }
        highWater = Math.max(highWater, offset + 1);
        handle(offset, record);
        next = offset + 1;
    }

    /** Whether a snapshot is being reassembled (and could time out). */
    boolean reassembling() {
        return assembler.earliestOpenOffset().isPresent();
    }

    /**
     * Quarantines the snapshots whose reassembly timed out. Call only once the partition has been
     * read to its end: a snapshot whose next segments wait unread has not stalled.
     *
     * @return whether any did, so that the commit position may have moved
     */
    boolean expire() throws TransientIngestException {
        List<PartitionAssembler.Expired> expired = assembler.expire();
        for (PartitionAssembler.Expired snapshot : expired) {
            send(snapshot.firstOffset(), snapshot.refusal());
        }
        return !expired.isEmpty();
    }

    /**
     * What the loop may commit now: the offset after the last handled record, held at the first
     * segment of the oldest snapshot still being reassembled; empty before the first record.
     */
    OptionalLong commitPosition() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(assembler.earliestOpenOffset().orElse(next));
    }

    /** Kafka accepted a commit of {@code offset}. */
    void committed(long offset) {
        committed = offset;
    }

    /**
     * Where to read again after a failure: Kafka's committed offset, or the catalog's consumed
     * position when that is later — but only if this owner has read that far, so that a
     * position left from an older life of the topic can never make it skip records.
     *
     * @return -1 when nothing is known (read from the log start)
     */
    long restartPosition(OptionalLong catalogPosition) {
        long target = committed;
        if (catalogPosition.isPresent() && catalogPosition.getAsLong() <= highWater) {
            target = Math.max(target, catalogPosition.getAsLong());
        }
        return target;
    }

    /** Drops the in-flight reassembly (rewind or rebalance); the spool files go with it. */
    void clear() {
        assembler.clear();
        next = -1;
    }

    private void handle(long offset, EncodedRecord record) throws TransientIngestException {
        Segment segment;
        try {
            segment = SegmentCodec.decode(record);
        } catch (EventFormatException e) {
            LOG.warn("Refused the record at {}-{}@{} ({}): {}", topic, partition, offset,
                    RefusalCategory.MALFORMED.tag(), e.getMessage());
            send(offset, null, null, RefusalCategory.MALFORMED, e.getMessage());
            return;
        }
        // The ids the event claims, on every log line about it (MDC: ids only, never content).
        try (MDC.MDCCloseable appliance = MDC.putCloseable(LogFields.APPLIANCE_ID,
                     segment.applianceId());
             MDC.MDCCloseable snapshot = MDC.putCloseable(LogFields.SNAPSHOT_ID,
                     segment.snapshotId().toString())) {
            handleSegment(offset, segment);
        }
    }

    private void handleSegment(long offset, Segment segment) throws TransientIngestException {
        if (segment.kind() == EventKind.HEARTBEAT) {
            if (heartbeats.ingest(segment) instanceof IngestOutcome.Refused refused) {
                send(offset, segment.applianceId(), segment.snapshotId().toString(),
                        refused.category(), refused.reason());
            }
            return;
        }
        PartitionAssembler.Step step;
        try {
            step = assembler.accept(segment, offset);
        } catch (IOException e) {
            throw new TransientIngestException("Cannot spool segment on " + topic + "-"
                    + partition + ": " + e.getMessage(), e);
        }
        switch (step) {
            case PartitionAssembler.Step.Pending pending -> { }
            case PartitionAssembler.Step.Skipped skipped -> { }
            case PartitionAssembler.Step.Refused refused -> send(offset, refused);
            case PartitionAssembler.Step.Complete complete -> ingest(offset, complete);
        }
    }

    private void ingest(long offset, PartitionAssembler.Step.Complete complete)
            throws TransientIngestException {
        AssembledSnapshot snapshot = complete.snapshot();
        // What the loop would commit right after this record (the snapshot is no longer open).
        ConsumedPosition after = new ConsumedPosition(topic, partition,
                assembler.earliestOpenOffset().orElse(offset + 1));
        try {
            switch (snapshots.ingest(snapshot, after)) {
                case IngestOutcome.Stored stored -> {
                    SnapshotRecord row = stored.snapshot();
                    metrics.stored(Duration.between(row.capturedAt(), row.storedAt()),
                            assembler.since(complete.firstSeenNanos()));
                    faults.reach(FaultPoint.AFTER_ROW);
                }
                case IngestOutcome.Duplicate duplicate -> metrics.duplicate();
                case IngestOutcome.Refused refused -> send(offset, snapshot.applianceId(),
                        snapshot.snapshotId().toString(), refused.category(), refused.reason());
                case IngestOutcome.Seen seen -> throw new IllegalStateException(
                        "A snapshot ingest answered with a heartbeat outcome");
            }
        } finally {
            deleteQuietly(snapshot.sealedFile());
        }
    }

    private void send(long offset, PartitionAssembler.Step.Refused refused)
            throws TransientIngestException {
        LOG.warn("Refused snapshot {} of appliance {} at {}-{}@{} ({}): {}", refused.snapshotId(),
                refused.applianceId(), topic, partition, offset, refused.category().tag(),
                refused.reason());
        send(offset, refused.applianceId(), refused.snapshotId().toString(), refused.category(),
                refused.reason());
    }

    private void send(long offset, String applianceId, String snapshotId,
                      RefusalCategory category, String reason) throws TransientIngestException {
        quarantine.send(new Quarantine.Notice(topic, partition, offset, applianceId, snapshotId,
                category, reason));
        metrics.quarantined(category);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}", file.getFileName());
        }
    }
}
