package io.configvault.vault.ingest;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.EventFormatException;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Header;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's consumer loop on its own thread. Per partition: decode each record, reassemble,
 * ingest complete snapshots (a heartbeat is complete in its one record and goes to the
 * {@link HeartbeatIngestor}), quarantine what can never be stored, then commit up to (not past)
 * the first segment of any snapshot still open. A transient failure drops the partition's
 * in-flight work, rewinds it to its last commit and pauses it for a backoff: nothing is committed
 * or quarantined meanwhile, and consumption resumes by itself.
 */
public final class KafkaIngestLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final SnapshotIngestor ingestor;
    private final HeartbeatIngestor heartbeats;
    private final Quarantine quarantine;
    private final Supplier<PartitionAssembler> assemblers;
    private final FaultPoint faults;
    private final Map<TopicPartition, PartitionAssembler> assembling = new HashMap<>();
    private final Map<TopicPartition, Backoff> paused = new HashMap<>();
    private volatile boolean running = true;

    private record Backoff(long resumeAtNanos, Duration last) {
    }

    public KafkaIngestLoop(Consumer<byte[], byte[]> consumer, String topic,
                           SnapshotIngestor ingestor, HeartbeatIngestor heartbeats,
                           Quarantine quarantine, Supplier<PartitionAssembler> assemblers) {
        this(consumer, topic, ingestor, heartbeats, quarantine, assemblers, FaultPoint.NONE);
    }

    KafkaIngestLoop(Consumer<byte[], byte[]> consumer, String topic, SnapshotIngestor ingestor,
                    HeartbeatIngestor heartbeats, Quarantine quarantine,
                    Supplier<PartitionAssembler> assemblers, FaultPoint faults) {
        this.consumer = consumer;
        this.topic = topic;
        this.ingestor = ingestor;
        this.heartbeats = heartbeats;
        this.quarantine = quarantine;
        this.assemblers = assemblers;
        this.faults = faults;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), this);
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition partition : records.partitions()) {
                    process(partition, records.records(partition));
                }
                resumeDue();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            assembling.values().forEach(PartitionAssembler::clear);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops the loop from another thread; the loop closes the consumer. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void process(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionAssembler assembler = assembling.computeIfAbsent(partition, p -> assemblers.get());
        long next = -1;
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                handle(assembler, record);
                next = record.offset() + 1;
            }
        } catch (TransientIngestException e) {
            retryLater(partition, assembler, e);
            return;
        }
        long commit = assembler.earliestOpenOffset().orElse(next);
        if (commit >= 0) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(commit)));
        }
        paused.remove(partition);
    }

    private void handle(PartitionAssembler assembler, ConsumerRecord<byte[], byte[]> record)
            throws TransientIngestException {
        Segment segment;
        try {
            segment = SegmentCodec.decode(encoded(record));
        } catch (EventFormatException e) {
            quarantine.send(notice(record, null, null, e.getMessage()));
            return;
        }
        if (segment.kind() == EventKind.HEARTBEAT) {
            seen(record, segment);
            return;
        }
        PartitionAssembler.Step step;
        try {
            step = assembler.accept(segment, record.offset());
        } catch (IOException e) {
            throw new TransientIngestException("Cannot spool segment: " + e.getMessage(), e);
        }
        switch (step) {
            case PartitionAssembler.Step.Pending pending -> { }
            case PartitionAssembler.Step.Refused refused -> quarantine.send(notice(record,
                    refused.applianceId(), refused.snapshotId().toString(), refused.reason()));
            case PartitionAssembler.Step.Complete complete -> ingest(record, complete.snapshot());
        }
    }

    private void ingest(ConsumerRecord<byte[], byte[]> record, AssembledSnapshot snapshot)
            throws TransientIngestException {
        try {
            IngestOutcome outcome = ingestor.ingest(snapshot);
            if (outcome instanceof IngestOutcome.Refused refused) {
                quarantine.send(notice(record, snapshot.applianceId(),
                        snapshot.snapshotId().toString(), refused.reason()));
            } else if (outcome instanceof IngestOutcome.Stored) {
                faults.reach(FaultPoint.AFTER_ROW);
            }
        } finally {
            deleteQuietly(snapshot.sealedFile());
        }
    }

    private void seen(ConsumerRecord<byte[], byte[]> record, Segment heartbeat)
            throws TransientIngestException {
        if (heartbeats.ingest(heartbeat) instanceof IngestOutcome.Refused refused) {
            quarantine.send(notice(record, heartbeat.applianceId(),
                    heartbeat.snapshotId().toString(), refused.reason()));
        }
    }

    private void retryLater(TopicPartition partition, PartitionAssembler assembler,
                            TransientIngestException e) {
        assembler.clear();
        Backoff previous = paused.get(partition);
        Duration delay = previous == null ? Duration.ofSeconds(1)
                : min(previous.last().multipliedBy(2), MAX_BACKOFF);
        LOG.warn("Pausing {} for {} s and retrying from its last commit: {}", partition,
                delay.toSeconds(), e.getMessage());
        OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
        if (committed == null) {
            consumer.seekToBeginning(Set.of(partition));
        } else {
            consumer.seek(partition, committed.offset());
        }
        consumer.pause(Set.of(partition));
        paused.put(partition, new Backoff(System.nanoTime() + delay.toNanos(), delay));
    }

    private void resumeDue() {
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        paused.forEach((partition, backoff) -> {
            if (now - backoff.resumeAtNanos() >= 0 && consumer.paused().contains(partition)) {
                due.add(partition);
            }
        });
        consumer.resume(due);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionAssembler assembler = assembling.remove(partition);
            if (assembler != null) {
                assembler.clear();
            }
            paused.remove(partition);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("Consuming {}", partitions);
    }

    private static EncodedRecord encoded(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
        return new EncodedRecord(record.key(), headers, record.value());
    }

    private static Quarantine.Notice notice(ConsumerRecord<byte[], byte[]> record,
                                            String applianceId, String snapshotId, String reason) {
        return new Quarantine.Notice(record.topic(), record.partition(), record.offset(),
                applianceId, snapshotId, reason);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}", file.getFileName());
        }
    }
}
