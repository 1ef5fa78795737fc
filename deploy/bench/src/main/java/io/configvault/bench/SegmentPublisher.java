package io.configvault.bench;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.SegmentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the fleet's sealed snapshots to the snapshot topic as the agents do: cut into
 * segments of the agent's default size ({@link SealedSnapshotFile#DEFAULT_SEGMENT_BYTES}),
 * encoded with the shared event codec, keyed by appliance, {@code acks=all} and idempotent.
 * Records when the broker acknowledged each snapshot's last segment.
 */
final class SegmentPublisher {

    static final String TOPIC = "configvault.snapshots";

    private SegmentPublisher() {
    }

    /**
     * Publishes every snapshot and waits for all acknowledgements.
     *
     * @return by appliance id, {@link System#nanoTime()} of its last segment's acknowledgement
     */
    static Map<String, Long> publish(String bootstrap, List<SimulatedAppliance> fleet)
            throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", String.valueOf(1024 * 1024));
        props.put("buffer.memory", String.valueOf(64L * 1024 * 1024));
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SimulatedAppliance appliance : fleet) {
                SealedSnapshotFile file = SealedSnapshotFile.of(appliance.sealedFile(),
                        appliance.id(), appliance.snapshotId(),
                        SealedSnapshotFile.DEFAULT_SEGMENT_BYTES);
                for (int i = 0; i < file.segmentCount(); i++) {
                    EncodedRecord record = SegmentCodec.encode(file.segment(i));
                    List<Header> headers = new ArrayList<>();
                    record.headers().forEach(h -> headers.add(new RecordHeader(h.name(),
                            h.value())));
                    boolean last = i == file.segmentCount() - 1;
                    producer.send(new ProducerRecord<>(TOPIC, null, record.key(), record.value(),
                            headers), (metadata, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                } else if (last) {
                                    acked.put(appliance.id(), System.nanoTime());
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Cannot publish the fleet's snapshots to " + TOPIC
                    + ": " + failure.get().getMessage(), failure.get());
        }
        return acked;
    }
}
