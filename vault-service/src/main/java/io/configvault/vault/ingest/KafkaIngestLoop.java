package io.configvault.vault.ingest;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.Header;
import io.configvault.vault.catalog.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
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
 * The vault's consumer loop on its own thread: Kafka's side of ingest. Each assigned partition is
 * a {@link PartitionIngest}. The partitions of one poll's records are ingested side by side, one
 * batch per partition on {@link PartitionWorkers} ({@code parallelPartitions} threads; a
 * partition's records, and so an appliance's snapshots, stay in order on one thread), and the
 * loop waits for every batch before it commits what it may (never past the first segment of a
 * snapshot still open) and polls again: only the loop's thread touches the consumer, no batch
 * runs during a rebalance, and memory holds one poll's records as before. A partition read to
 * its end gets its stalled reassemblies timed out, checked every poll without sleeping. A
 * transient failure — including a failed commit — drops the partition's in-flight work, rewinds
 * it and pauses it for a backoff: nothing is committed or quarantined meanwhile, and consumption
 * resumes by itself. On assignment ({@link StartPositions}), and on every rewind, a partition
 * starts at the later of Kafka's committed offset and the consumed position the catalog recorded
 * with the last stored snapshot, so a crash between the catalog row and the Kafka commit does
 * not even read that snapshot again.
 */
public final class KafkaIngestLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final StartPositions starts;
    private final PartitionIngest.Factory partitions;
    private final IngestMetrics metrics;
    private final KafkaOwnership ownership;
    private final LongSupplier nanoTime;
    private final PartitionWorkers workers;
    private final Map<TopicPartition, PartitionIngest> assigned = new HashMap<>();
    private final Map<TopicPartition, Backoff> backoffs = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile boolean running = true;
    private volatile String failure;

    private record Backoff(long resumeAtNanos, Duration last) {
    }

    /**
     * @param catalog   where the consumed positions are read from
     * @param ownership told of every change of the assignment (retention prunes what it owns)
     * @param nanoTime  the monotonic clock of backoffs ({@code System::nanoTime})
     * @param parallelPartitions how many partitions' batches are ingested at the same time
     */
    public KafkaIngestLoop(Consumer<byte[], byte[]> consumer, String topic, Catalog catalog,
                           PartitionIngest.Factory partitions, IngestMetrics metrics,
                           KafkaOwnership ownership, LongSupplier nanoTime,
                           int parallelPartitions) {
        this.consumer = consumer;
        this.topic = topic;
        this.starts = new StartPositions(consumer, topic, catalog);
        this.partitions = partitions;
        this.metrics = metrics;
        this.ownership = ownership;
        this.nanoTime = nanoTime;
        this.workers = new PartitionWorkers(parallelPartitions);
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(topic), this);
        try {
            while (running) {
                dispatch(consumer.poll(POLL));
                finish(workers.await(workers.busyPartitions()));
                expireStalled();
                resumeDue();
                recordLag();
            }
        } catch (WakeupException e) {
            if (running) {
                stoppedBy(e);
            }
        } catch (RuntimeException e) {
            stoppedBy(e);
        } finally {
            ownership.clear();
            stopWorkers();
            assigned.keySet().forEach(p -> metrics.unassigned(p.partition()));
            assigned.values().forEach(PartitionIngest::clear);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Why the loop stopped by itself, if it did (a failure no retry can mend: a setting the
     * broker refuses, lost authorisation): the vault then ingests nothing until it is restarted,
     * which its health check says.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void stoppedBy(RuntimeException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.error("ALARM: the ingest loop stopped; this vault stores nothing until it is"
                + " restarted: {}", failure, e);
    }

    /** Stops the loop from another thread; the loop closes the consumer. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Hands each partition's polled records to a worker as one batch. */
    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionIngest ingest = owned(partition);
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
            workers.start(partition, () -> ingestAll(ingest, batch));
        }
    }

    /** A worker's batch: the partition's records in order; the transient failure, if any. */
    private static TransientIngestException ingestAll(
            PartitionIngest ingest, List<ConsumerRecord<byte[], byte[]>> batch) {
        try {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                ingest.accept(record.offset(), encoded(record));
            }
            return null;
        } catch (TransientIngestException e) {
            return e;
        }
    }

    /**
     * Commits the partitions whose batches ended well, in one request, and rewinds those whose
     * batches (or that commit) failed.
     */
    private void finish(List<PartitionWorkers.Done> done) {
        List<TopicPartition> succeeded = new ArrayList<>();
        for (PartitionWorkers.Done batch : done) {
            if (batch.failure() == null) {
                succeeded.add(batch.partition());
            } else {
                retryLater(batch.partition(), assigned.get(batch.partition()), batch.failure());
            }
        }
        try {
            commit(succeeded);
        } catch (TransientIngestException e) {
            succeeded.forEach(partition -> retryLater(partition, assigned.get(partition), e));
            return;
        }
        succeeded.forEach(backoffs::remove);
    }

    /** Waits for the batches in flight and stops the workers; the loop is ending. */
    private void stopWorkers() {
        try {
            workers.close();
        } catch (RuntimeException e) {
            LOG.error("An ingest batch failed while the loop stopped: {}", e.toString(), e);
        }
    }

    /** Times out stalled reassemblies on partitions read to their end, then commits past them. */
    private void expireStalled() {
        for (Map.Entry<TopicPartition, PartitionIngest> entry : List.copyOf(assigned.entrySet())) {
            TopicPartition partition = entry.getKey();
            PartitionIngest ingest = entry.getValue();
            if (paused.contains(partition) || !ingest.reassembling() || !readToEnd(partition)) {
                continue;
            }
            try {
                if (ingest.expire()) {
                    commit(List.of(partition));
                }
            } catch (TransientIngestException e) {
                retryLater(partition, ingest, e);
            }
        }
    }

    /** Each assigned partition's lag as of the last fetch, for the metric. No broker call. */
    private void recordLag() {
        for (TopicPartition partition : assigned.keySet()) {
            metrics.lag(partition.partition(), consumer.currentLag(partition));
        }
    }

    /** Lag 0 from the last fetch: every segment there is has been read. No broker call. */
    private boolean readToEnd(TopicPartition partition) {
        OptionalLong lag = consumer.currentLag(partition);
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /** Commits each partition's commit position in one request; those without one are left. */
    private void commit(List<TopicPartition> partitions) throws TransientIngestException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            assigned.get(partition).commitPosition().ifPresent(position ->
                    offsets.put(partition, new OffsetAndMetadata(position)));
        }
        OffsetCommits.commit(consumer, offsets);
        offsets.forEach((partition, offset) -> assigned.get(partition).committed(offset.offset()));
    }

    private void retryLater(TopicPartition partition, PartitionIngest ingest,
                            TransientIngestException e) {
        ingest.clear();
        if (!consumer.assignment().contains(partition)) {
            return;
        }
        Backoff previous = backoffs.get(partition);
        Duration delay = previous == null ? Duration.ofSeconds(1)
                : min(previous.last().multipliedBy(2), MAX_BACKOFF);
        backoffs.put(partition, new Backoff(nanoTime.getAsLong() + delay.toNanos(), delay));
        long restart = ingest.restartPosition(starts.catalogPosition(partition));
        LOG.warn("Pausing {} for {} s, then reading again from offset {}: {}", partition,
                delay.toSeconds(), restart < 0 ? "(log start)" : restart, e.getMessage());
        if (restart < 0) {
            consumer.seekToBeginning(Set.of(partition));
        } else {
            consumer.seek(partition, restart);
        }
        consumer.pause(Set.of(partition));
        paused.add(partition);
        metrics.pausedPartitions(paused.size());
    }

    private void resumeDue() {
        long now = nanoTime.getAsLong();
        List<TopicPartition> due = new ArrayList<>();
        for (TopicPartition partition : paused) {
            Backoff backoff = backoffs.get(partition);
            if (backoff == null || now - backoff.resumeAtNanos() >= 0) {
                due.add(partition);
            }
        }
        if (!due.isEmpty()) {
            consumer.resume(due);
            due.forEach(paused::remove);
            metrics.pausedPartitions(paused.size());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        ownership.revoked(revoked);
        for (TopicPartition partition : revoked) {
            PartitionIngest ingest = assigned.remove(partition);
            if (ingest != null) {
                ingest.clear();
            }
            backoffs.remove(partition);
            paused.remove(partition);
            metrics.unassigned(partition.partition());
        }
        metrics.pausedPartitions(paused.size());
        if (!revoked.isEmpty()) {
            LOG.info("No longer consuming {}; their reassemblies were dropped", revoked);
        }
    }

    /** Starts each partition where {@link StartPositions} decides. */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("Consuming {}", partitions);
        if (partitions.isEmpty()) {
            return;
        }
        ownership.assigned(partitions, starts.partitionCount());
        Map<TopicPartition, Long> positions = starts.decide(partitions);
        for (TopicPartition partition : partitions) {
            PartitionIngest ingest = owned(partition);
            Long start = positions.get(partition);
            if (start != null) {
                ingest.startAt(start);
            }
        }
    }

    private PartitionIngest owned(TopicPartition partition) {
        return assigned.computeIfAbsent(partition,
                p -> partitions.create(p.topic(), p.partition()));
    }

    private static EncodedRecord encoded(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
        return new EncodedRecord(record.key(), headers, record.value());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
