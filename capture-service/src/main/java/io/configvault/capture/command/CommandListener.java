package io.configvault.capture.command;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.KafkaProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.publish.Backoff;
import io.configvault.capture.publish.ClientSettings;
import io.configvault.capture.seal.SealingKeys;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the vault's command topic for this appliance, on its own thread, when
 * {@code capture.kafka.command-topic} is set. It assigns itself the one partition its appliance
 * id hashes to (Kafka's default partitioner: murmur2 of the key modulo the partition count, what
 * the vault's producer uses), so it reads only 1/partitions of the topic and never joins a
 * rebalancing group; its offsets are committed under the group {@code configvault-agent-<id>}
 * after each record is handled. A new agent starts at the partition's beginning (old requests
 * are refused by their expiry). Records of other appliances sharing the partition are skipped.
 * The partition count is looked up again every {@value #RECHECK_MINUTES} minutes and after any
 * failure. A broker outage is retried with backoff (1 s doubling to 30 s), like the publisher.
 */
@Context
@Requires(property = "capture.kafka.command-topic")
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class CommandListener implements ApplicationEventListener<StartupEvent>,
        AutoCloseable {

    static final int RECHECK_MINUTES = 5;

    private static final Logger LOG = LoggerFactory.getLogger(CommandListener.class);

    private final String topic;
    private final String applianceId;
    private final Map<String, Object> settings;
    private final SnapshotRequestHandler handler;
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public CommandListener(CaptureProperties capture, KafkaProperties kafka, SealingKeys keys,
                           SnapshotCapture snapshots, Clock clock) {
        this.topic = kafka.commandTopic();
        this.applianceId = capture.applianceId();
        this.settings = settings(kafka, applianceId);
        try {
            this.handler = new SnapshotRequestHandler(applianceId, capture.fleet(), keys.ingest(),
                    snapshots, HandledRequests.open(capture.dataPath()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = Thread.ofPlatform().name("capture-commands").daemon().unstarted(this::run);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        thread.start();
        LOG.info("Listening for snapshot requests of appliance {} on topic {}", applianceId,
                topic);
    }

    /** The partition Kafka's default partitioner puts {@code key} in. */
    static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void run() {
        while (stopping.getCount() > 0) {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(settings)) {
                consumer = kafka;
                if (stopping.getCount() == 0) {
                    return;
                }
                consume(kafka);
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IOException | IllegalStateException e) {
                if (stopping.getCount() == 0) {
                    return;
                }
                Duration delay = backoff.next();
                LOG.warn("Reading snapshot requests from topic {} failed ({}); retrying in {} ms",
                        topic, e.getMessage(), delay.toMillis());
                try {
                    stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Assigns the appliance's partition and handles records until the next recheck. */
    private void consume(KafkaConsumer<byte[], byte[]> kafka) throws IOException {
        List<PartitionInfo> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        TopicPartition partition = new TopicPartition(topic,
                partitionFor(applianceId, partitions.size()));
        kafka.assign(List.of(partition));
        long recheckAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(RECHECK_MINUTES);
        boolean reached = false;
        while (stopping.getCount() > 0 && System.nanoTime() - recheckAt < 0) {
            for (ConsumerRecord<byte[], byte[]> record : kafka.poll(Duration.ofSeconds(1))) {
                handler.handle(record.key(), record.value());
                kafka.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            }
            if (!reached) {
                reached = true;
                backoff.reset();
                LOG.info("Reading snapshot requests from {}", partition);
            }
        }
    }

    /** The command consumer's settings: {@code capture.kafka.client.*}, then the agent's own. */
    static Map<String, Object> settings(KafkaProperties kafka, String applianceId) {
        Map<String, Object> settings = ClientSettings.of(kafka);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "configvault-agent-" + applianceId);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "configvault-agent-" + applianceId
                + "-commands");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "16");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        return settings;
    }

    @Override
    @PreDestroy
    public void close() {
        stopping.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread.isAlive() && !thread.join(Duration.ofSeconds(15))) {
                LOG.warn("The command listener did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
