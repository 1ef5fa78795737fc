package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Ownership follows the consumer's assignment, and maps an appliance to the partition the
 * agents' producers put its records on (Kafka's own partitioner is the oracle).
 */
class KafkaOwnershipTest {

    static final String TOPIC = "configvault.snapshots";

    static TopicPartition p(int partition) {
        return new TopicPartition(TOPIC, partition);
    }

    @Test
    void anApplianceMapsToThePartitionKafkasDefaultPartitionerPicks() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            String id = "appliance-" + Long.toHexString(random.nextLong()) + "-é" + i;
            int partitions = 1 + random.nextInt(64);
            assertThat(KafkaOwnership.partitionOf(id, partitions)).as(id).isEqualTo(
                    BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8),
                            partitions));
        }
    }

    @Test
    void beforeAnyAssignmentNothingIsOwned() {
        KafkaOwnership ownership = new KafkaOwnership(TOPIC);

        assertThat(ownership.ownsAny()).isFalse();
        assertThat(ownership.owns("nas-1")).isFalse();
        assertThat(ownership.description()).isEqualTo("no partition of topic " + TOPIC);
    }

    @Test
    void ownsTheAppliancesOfTheAssignedPartitionsAcrossRebalances() {
        KafkaOwnership ownership = new KafkaOwnership(TOPIC);
        List<String> appliances = IntStream.range(0, 200).mapToObj(i -> "nas-" + i).toList();

        ownership.assigned(List.of(p(0), p(2), new TopicPartition("other", 1)), 3);

        assertThat(ownership.description()).isEqualTo("partitions 0, 2 of 3 of topic " + TOPIC);
        for (String appliance : appliances) {
            int partition = KafkaOwnership.partitionOf(appliance, 3);
            assertThat(ownership.owns(appliance)).as(appliance).isEqualTo(partition != 1);
        }

        ownership.revoked(List.of(p(0)));
        ownership.assigned(List.of(p(1)), 3);
        for (String appliance : appliances) {
            int partition = KafkaOwnership.partitionOf(appliance, 3);
            assertThat(ownership.owns(appliance)).as(appliance).isEqualTo(partition != 0);
        }

        ownership.revoked(List.of(p(1), p(2)));
        assertThat(ownership.ownsAny()).isFalse();
        assertThat(appliances).noneMatch(ownership::owns);
    }

    @Test
    void anUnknownPartitionCountOwnsNothingAndTheStoppedLoopNeither() {
        KafkaOwnership ownership = new KafkaOwnership(TOPIC);

        ownership.assigned(List.of(p(0)), 0);
        assertThat(ownership.ownsAny()).isFalse();
        assertThat(ownership.owns("nas-1")).isFalse();
        assertThat(ownership.description()).isEqualTo("partitions 0 of topic " + TOPIC
                + " (its partition count is unknown)");

        ownership.assigned(List.of(p(0)), 1);
        assertThat(ownership.owns("nas-1")).isTrue();
        ownership.clear();
        assertThat(ownership.owns("nas-1")).isFalse();
    }
}
