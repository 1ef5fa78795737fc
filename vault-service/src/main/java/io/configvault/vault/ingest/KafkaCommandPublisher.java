package io.configvault.vault.ingest;

import io.configvault.vault.requests.CommandPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * {@link CommandPublisher} on a Kafka topic: key the appliance id, value the signed command,
 * headers {@code cv-format: 1} and {@code cv-type: snapshot-request}. The producer is created on
 * the first request (a vault that never sends one never connects for it) and shared after;
 * {@code acks=all}, idempotent, bounded blocking ({@code max.block.ms}), so an unreachable broker
 * or a missing topic fails the request within seconds instead of hanging it.
 */
final class KafkaCommandPublisher implements CommandPublisher, AutoCloseable {

    static final String TYPE = "snapshot-request";

    private final Supplier<Producer<byte[], byte[]>> factory;
    private final String topic;
    private Producer<byte[], byte[]> producer;

    KafkaCommandPublisher(Supplier<Producer<byte[], byte[]>> factory, String topic) {
        this.factory = factory;
        this.topic = topic;
    }

    @Override
    public synchronized void publish(List<Command> commands) throws CommandPublishException {
        try {
            if (producer == null) {
                producer = factory.get();
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>(commands.size());
            for (Command command : commands) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                        command.applianceId().getBytes(StandardCharsets.UTF_8), command.signed());
                record.headers().add(new RecordHeader("cv-format",
                        "1".getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("cv-type",
                        TYPE.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (KafkaException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(e);
        }
    }

    private CommandPublishException failed(Throwable cause) {
        return new CommandPublishException("The command topic " + topic + " did not take the"
                + " snapshot request (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ")", cause);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
