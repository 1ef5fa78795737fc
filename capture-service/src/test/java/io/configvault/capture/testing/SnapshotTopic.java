package io.configvault.capture.testing;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Header;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.heartbeat.HeartbeatCodec;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the snapshot topic from the beginning as the vault would: every record is kept, segments
 * are reassembled per snapshot, decrypted with the ingest key (requiring the appliance's
 * signature) and the bundle is read and verified. Not thread-safe.
 */
public final class SnapshotTopic implements AutoCloseable {

    /** One record as it was on the topic. */
    public record Received(long offset, byte[] key, List<Header> headers, byte[] value) {
    }

    /** A snapshot reassembled from its segments, decrypted and read. */
    public record Snapshot(SnapshotId id, Manifest manifest, Map<String, byte[]> entries,
                           int segments) {

        /** Writes entry {@code name} to a file, e.g. to open a database copy. */
        public Path write(String name, Path file) throws Exception {
            return Files.write(file, entries.get(name));
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Received> records = new ArrayList<>();

    public SnapshotTopic(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(properties);
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** Fetches what arrived since the last call. */
    public List<Received> poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            List<Header> headers = new ArrayList<>();
            record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
            records.add(new Received(record.offset(), record.key(), headers, record.value()));
        }
        return records;
    }

    /** Polls until every record the partition holds now has been read. */
    public List<Received> readToEnd() {
        TopicPartition partition = consumer.assignment().iterator().next();
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Cannot read " + partition + " to offset " + end);
            }
            poll();
        }
        return records;
    }

    /** Reads to the end of the partition and returns this snapshot's segments, duplicates too. */
    public List<Segment> readToEndSegmentsOf(SnapshotId id) throws Exception {
        readToEnd();
        return segmentsOf(id);
    }

    /** Every record read so far, in offset order. */
    public List<Received> records() {
        return records;
    }

    /** Records read so far that carry a segment of this snapshot. */
    public List<Segment> segmentsOf(SnapshotId id) throws Exception {
        List<Segment> segments = new ArrayList<>();
        for (Received record : records) {
            Segment segment = SegmentCodec.decode(
                    new EncodedRecord(record.key(), record.headers(), record.value()));
            if (segment.snapshotId().equals(id)) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /**
     * Every snapshot whose segments have all arrived, in order of their first segment (heartbeats
     * left out). Fails if a snapshot's segments are out of order or do not decrypt and verify.
     */
    public List<Snapshot> snapshots() throws Exception {
        Map<SnapshotId, List<Segment>> bySnapshot = new LinkedHashMap<>();
        for (Received record : records) {
            Segment segment = SegmentCodec.decode(
                    new EncodedRecord(record.key(), record.headers(), record.value()));
            if (segment.kind() != EventKind.SNAPSHOT) {
                continue;
            }
            bySnapshot.computeIfAbsent(segment.snapshotId(), id -> new ArrayList<>())
                    .add(segment);
        }
        List<Snapshot> complete = new ArrayList<>();
        for (Map.Entry<SnapshotId, List<Segment>> entry : bySnapshot.entrySet()) {
            reassemble(entry.getKey(), entry.getValue()).ifPresent(complete::add);
        }
        return complete;
    }

    /** A heartbeat event as it was on the topic, decrypted and read. */
    public record ReceivedHeartbeat(Received record, Heartbeat heartbeat) {
    }

    /**
     * Every heartbeat read so far, in order, decrypted with the ingest key (requiring the
     * appliance's signature) and read strictly.
     */
    public List<ReceivedHeartbeat> heartbeats() throws Exception {
        List<ReceivedHeartbeat> heartbeats = new ArrayList<>();
        TestKeys keys = TestKeys.get();
        for (Received record : records) {
            Segment segment = SegmentCodec.decode(
                    new EncodedRecord(record.key(), record.headers(), record.value()));
            if (segment.kind() != EventKind.HEARTBEAT) {
                continue;
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            OpenPgpDecryptor.decrypt(new ByteArrayInputStream(segment.payload()), json,
                    List.of(keys.ingestSecret()), keys.appliancePublic(),
                    new OpenPgpDecryptor.Limits(SegmentCodec.MAX_HEARTBEAT_BYTES, 16));
            heartbeats.add(new ReceivedHeartbeat(record,
                    HeartbeatCodec.decode(json.toByteArray())));
        }
        return heartbeats;
    }

    /** The complete snapshot with this id, if it has arrived. */
    public Optional<Snapshot> snapshot(SnapshotId id) throws Exception {
        poll();
        return snapshots().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static Optional<Snapshot> reassemble(SnapshotId id, List<Segment> segments)
            throws Exception {
        int count = segments.getFirst().count();
        if (segments.size() < count) {
            return Optional.empty();
        }
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            Segment segment = segments.get(i);
            if (segment.index() != i) {
                throw new AssertionError("Segment " + segment.index() + " of snapshot " + id
                        + " arrived at position " + i);
            }
            sealed.writeBytes(segment.payload());
        }
        TestKeys keys = TestKeys.get();
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        OpenPgpDecryptor.decrypt(new ByteArrayInputStream(sealed.toByteArray()), bundle,
                List.of(keys.ingestSecret()), keys.appliancePublic(),
                OpenPgpDecryptor.Limits.DEFAULT);
        Map<String, byte[]> entries = new HashMap<>();
        Manifest manifest = BundleReader.read(new ByteArrayInputStream(bundle.toByteArray()),
                BundleLimits.DEFAULT, (e, content) -> entries.put(e.name(),
                        content.readAllBytes()));
        return Optional.of(new Snapshot(id, manifest, entries, count));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
