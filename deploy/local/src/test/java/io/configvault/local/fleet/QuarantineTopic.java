package io.configvault.local.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the vault put on the quarantine topic, read from its beginning to its current end. */
final class QuarantineTopic {

    /** One quarantine record: its headers (last value of each name), key and value. */
    record Notice(Map<String, String> headers, byte[] key, byte[] value) {

        String header(String name) {
            return headers.get(name);
        }

        String reason() {
            return header("cv-quarantine-reason");
        }

        String snapshot() {
            return header("cv-snapshot");
        }

        /** The position of the refused record on the snapshot topic, {@code partition@offset}. */
        String source() {
            return header("cv-source-partition") + "@" + header("cv-source-offset");
        }
    }

    private QuarantineTopic() {
    }

    static List<Notice> all(FleetFixture fleet) {
        Properties props = fleet.stack().kafkaProps();
        List<Notice> notices = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(FleetFixture.QUARANTINE)
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(),
                            new String(h.value(), StandardCharsets.UTF_8)));
                    notices.add(new Notice(headers, record.key(), record.value()));
                }
            }
        }
        return notices;
    }

    /** The notices about snapshot (or heartbeat) {@code id}. */
    static List<Notice> about(FleetFixture fleet, String id) {
        return all(fleet).stream().filter(n -> id.equals(n.snapshot())).toList();
    }
}
