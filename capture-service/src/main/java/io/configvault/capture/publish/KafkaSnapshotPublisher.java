package io.configvault.capture.publish;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.Header;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.SegmentCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes snapshots to a Kafka topic with an idempotent producer ({@link ProducerSettings}).
 * All segments of a snapshot are sent before any acknowledgement is awaited (the producer
 * pipelines them, in order, on the appliance's partition); the producer's buffer bounds the
 * memory used, and only one segment is read from disk at a time.
 *
 * <p>After a failed publish the producer is closed without waiting and a new one is made for the
 * next attempt: batches the old one still holds are dropped rather than delivered late, after the
 * retry, and a producer that hit a fatal error is not reused.
 */
public final class KafkaSnapshotPublisher implements SnapshotPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSnapshotPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final String topic;
    // Written by the publishing thread; read by close(), which may run on another thread and
    // must not wait for a publish in progress (closing the producer fails its sends instead).
    private volatile Producer<byte[], byte[]> producer;
    private volatile boolean closed;

    public KafkaSnapshotPublisher(Supplier<Producer<byte[], byte[]>> producers, String topic) {
        this.producers = producers;
        this.topic = topic;
    }

    @Override
    public void publish(SealedSnapshotFile snapshot)
            throws PublishException, InterruptedException {
        if (closed) {
            throw new PublishException("the publisher is closed", null);
        }
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            current = producers.get();
            producer = current;
        }
        int count = snapshot.segmentCount();
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        int index = 0;
        try {
            for (; index < count; index++) {
                acks.add(current.send(record(SegmentCodec.encode(snapshot.segment(index)))));
            }
            for (index = 0; index < count; index++) {
                acks.get(index).get();
            }
        } catch (ExecutionException e) {
            throw failed(index, count, e.getCause());
        } catch (InterruptException e) {
            // send() blocked (metadata or buffer) when the agent was told to stop.
            discardProducer();
            throw new InterruptedException("Interrupted while publishing a snapshot");
        } catch (KafkaException | IllegalStateException | IOException e) {
            // IllegalStateException: the producer was closed under us (shutdown).
            throw failed(index, count, e);
        } catch (InterruptedException e) {
            discardProducer();
            throw e;
        }
    }

    private ProducerRecord<byte[], byte[]> record(EncodedRecord encoded) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : encoded.headers()) {
            headers.add(header.name(), header.value());
        }
        return new ProducerRecord<>(topic, null, null, encoded.key(), encoded.value(), headers);
    }

    private PublishException failed(int index, int count, Throwable cause) {
        discardProducer();
        return new PublishException("segment " + (index + 1) + " of " + count + " was not"
                + " acknowledged by topic " + topic + " (" + cause + ")", cause);
    }

    private void discardProducer() {
        Producer<byte[], byte[]> failed = producer;
        producer = null;
        if (failed != null) {
            try {
                failed.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing a failed producer: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Producer<byte[], byte[]> current = producer;
        if (current != null) {
            current.close(CLOSE_TIMEOUT);
        }
    }
}
