package io.configvault.vault.ingest;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the ingest loop starts an assigned partition: the later of Kafka's committed offset and
 * the consumed position the catalog recorded with the last stored snapshot, committing the
 * catalog's when it is the later one (so that Kafka's lag tells the truth). A catalog position
 * beyond the partition's end belongs to an older life of the topic (deleted and created again)
 * and is ignored. When the broker or the catalog cannot answer, the partition starts at Kafka's
 * committed offset: a redelivery is harmless. Called on the loop's thread only (it uses the
 * consumer).
 */
final class StartPositions {

    private static final Logger LOG = LoggerFactory.getLogger(StartPositions.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Catalog catalog;

    StartPositions(Consumer<byte[], byte[]> consumer, String topic, Catalog catalog) {
        this.consumer = consumer;
        this.topic = topic;
        this.catalog = catalog;
    }

    /**
     * Seeks the partitions whose catalog position is later than Kafka's and commits it.
     *
     * @return each partition's start offset, where one is known (none: the consumer starts at
     *     Kafka's committed offset or the log start by itself)
     */
    Map<TopicPartition, Long> decide(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        Map<TopicPartition, Long> ends;
        try {
            committed = consumer.committed(new HashSet<>(partitions));
            ends = consumer.endOffsets(partitions);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Cannot read the committed offsets of {}; starting from Kafka's own: {}",
                    partitions, e.getMessage());
            return Map.of();
        }
        Map<TopicPartition, Long> starts = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> caughtUp = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata kafka = committed.get(partition);
            long start = kafka == null ? -1 : kafka.offset();
            OptionalLong recorded = catalogPosition(partition);
            Long end = ends.get(partition);
            if (recorded.isPresent() && recorded.getAsLong() > start) {
                if (end != null && recorded.getAsLong() <= end) {
                    LOG.info("Starting {} at offset {}, recorded in the catalog with the last"
                            + " stored snapshot (Kafka's committed offset: {})", partition,
                            recorded.getAsLong(), start < 0 ? "none" : start);
                    start = recorded.getAsLong();
                    consumer.seek(partition, start);
                    caughtUp.put(partition, new OffsetAndMetadata(start));
                } else {
                    LOG.warn("Ignoring the catalog's position {} of {}: the partition ends at {}"
                            + " (was the topic created again?)", recorded.getAsLong(), partition,
                            end);
                }
            }
            if (start >= 0) {
                starts.put(partition, start);
            }
        }
        commitQuietly(caughtUp);
        return starts;
    }

    /** The topic's partition count from the consumer's metadata; 0 when it cannot be read. */
    int partitionCount() {
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            return partitions == null ? 0 : partitions.size();
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Cannot read the partition count of {}; retention prunes nothing until the"
                    + " next assignment: {}", topic, e.getMessage());
            return 0;
        }
    }

    /** The consumed position the catalog recorded for the partition; empty if it cannot say. */
    OptionalLong catalogPosition(TopicPartition partition) {
        try {
            return catalog.consumedPosition(partition.topic(), partition.partition());
        } catch (CatalogException e) {
            LOG.warn("Cannot read the consumed position of {} from the catalog; using Kafka's"
                    + " committed offset: {}", partition, e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            OffsetCommits.commit(consumer, offsets);
        } catch (TransientIngestException e) {
            // The next commit after a record carries it; until then Kafka's lag overstates.
            LOG.warn("The catalog's positions stay uncommitted in Kafka for now: {}",
                    e.getMessage());
        }
    }
}
