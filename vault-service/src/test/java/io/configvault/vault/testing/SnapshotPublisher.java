package io.configvault.vault.testing;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.Header;
import io.configvault.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes encoded snapshot events to one topic of the local stack's broker as an agent would
 * (idempotent producer, {@code acks=all}), each send awaited. Not thread-safe; close it after use.
 */
public final class SnapshotPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public SnapshotPublisher(LocalStack stack, String topic) {
        Properties props = stack.kafkaProps();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
        this.topic = topic;
    }

    /** @return the offset after the last record published, -1 when there were none */
    public long publish(List<EncodedRecord> records) throws Exception {
        long next = -1;
        for (EncodedRecord record : records) {
            List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
            for (Header h : record.headers()) {
                headers.add(new RecordHeader(h.name(), h.value()));
            }
            next = producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                    headers)).get().offset() + 1;
        }
        return next;
    }

    /** The last header of that name of a consumed record as UTF-8 text, null when absent. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
