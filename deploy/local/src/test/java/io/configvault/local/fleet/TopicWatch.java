package io.configvault.local.fleet;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.EventFormatException;
import io.configvault.shared.event.Header;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Watches the snapshot topic from its beginning, segment by segment; skips what is no segment. */
final class TopicWatch implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Segment> segments = new ArrayList<>();

    TopicWatch(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "topic-watch-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    private void poll() throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            List<Header> headers = new ArrayList<>();
            record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
            try {
                segments.add(SegmentCodec.decode(new EncodedRecord(record.key(), headers,
                        record.value())));
            } catch (EventFormatException garbage) {
                // Poison tests publish records that are no segments; the vault quarantines them.
            }
        }
    }

    int segmentsOf(String snapshotId) throws Exception {
        poll();
        return (int) segments.stream().filter(s -> s.snapshotId().toString().equals(snapshotId))
                .count();
    }

    /** The segments of {@code snapshotId} seen so far, in topic order. */
    List<Segment> segments(String snapshotId) throws Exception {
        poll();
        return segments.stream().filter(s -> s.snapshotId().toString().equals(snapshotId))
                .toList();
    }

    int announcedSegments(String snapshotId) {
        return segments.stream().filter(s -> s.snapshotId().toString().equals(snapshotId))
                .findFirst().orElseThrow().count();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
