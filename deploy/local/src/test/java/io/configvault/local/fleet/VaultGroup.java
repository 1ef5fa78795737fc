package io.configvault.local.fleet;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The vault instances' consumer group on the snapshot topic, as the broker records it: what
 * they committed, and whether that reaches the end of the topic (every record handled).
 */
final class VaultGroup {

    /** The vault's default {@code vault.kafka.group-id}. */
    static final String GROUP = "configvault-vault";

    private VaultGroup() {
    }

    /** Committed offset by partition of the snapshot topic; 0 where nothing was committed. */
    static Map<Integer, Long> committed(FleetFixture fleet) throws Exception {
        try (Admin admin = Admin.create(fleet.stack().kafkaProps())) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> result = new HashMap<>();
            for (TopicPartition partition : partitions(admin)) {
                OffsetAndMetadata offset = offsets.get(partition);
                result.put(partition.partition(), offset == null ? 0 : offset.offset());
            }
            return result;
        }
    }

    /** How many vault instances are members of the group now. */
    static int members(FleetFixture fleet) throws Exception {
        try (Admin admin = Admin.create(fleet.stack().kafkaProps())) {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members()
                    .size();
        }
    }

    /** End offset (the next offset to be written) by partition of the snapshot topic. */
    static Map<Integer, Long> ends(FleetFixture fleet) throws Exception {
        try (Admin admin = Admin.create(fleet.stack().kafkaProps())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions(admin).forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<Integer, Long> result = new HashMap<>();
            admin.listOffsets(latest).all().get()
                    .forEach((p, info) -> result.put(p.partition(), info.offset()));
            return result;
        }
    }

    /** Waits until the group has committed every partition up to its current end. */
    static void awaitCaughtUp(FleetFixture fleet, Duration atMost) throws Exception {
        Map<Integer, Long> ends = ends(fleet);
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> committed(fleet).equals(ends));
    }

    private static List<TopicPartition> partitions(Admin admin)
            throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(FleetFixture.TOPIC)).allTopicNames().get()
                .get(FleetFixture.TOPIC).partitions().stream()
                .map(p -> new TopicPartition(FleetFixture.TOPIC, p.partition())).toList();
    }
}
