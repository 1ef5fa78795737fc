package io.configvault.vault.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * {@link Quarantine} on a Kafka topic: an empty value, the reason and the source position in
 * headers ({@code cv-quarantine-reason}, {@code cv-quarantine-category} (a
 * {@link RefusalCategory#tag()}), {@code cv-source-topic}, {@code cv-source-partition},
 * {@code cv-source-offset}, {@code cv-appliance}, {@code cv-snapshot}), keyed by appliance id.
 */
public final class KafkaQuarantine implements Quarantine {

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public KafkaQuarantine(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void send(Notice notice) throws TransientIngestException {
        List<Header> headers = new ArrayList<>();
        headers.add(header("cv-quarantine-reason", notice.reason()));
        headers.add(header("cv-quarantine-category", notice.category().tag()));
        headers.add(header("cv-source-topic", notice.topic()));
        headers.add(header("cv-source-partition", Integer.toString(notice.partition())));
        headers.add(header("cv-source-offset", Long.toString(notice.offset())));
        if (notice.applianceId() != null) {
            headers.add(header("cv-appliance", notice.applianceId()));
        }
        if (notice.snapshotId() != null) {
            headers.add(header("cv-snapshot", notice.snapshotId()));
        }
        byte[] key = notice.applianceId() == null
                ? null : notice.applianceId().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, new byte[0], headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientIngestException("Cannot quarantine event: interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransientIngestException("Cannot quarantine event at " + notice.topic() + "-"
                    + notice.partition() + "@" + notice.offset() + ": " + e.getMessage(), e);
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
