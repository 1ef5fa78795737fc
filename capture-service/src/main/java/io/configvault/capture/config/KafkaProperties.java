package io.configvault.capture.config;

import static io.micronaut.core.convert.format.MapFormat.MapTransformation.FLAT;
import static io.micronaut.core.naming.conventions.StringConvention.RAW;

import io.configvault.shared.event.SegmentCodec;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import java.util.Map;

/**
 * Where snapshots are published.
 *
 * @param bootstrapServers {@code capture.kafka.bootstrap-servers}, required
 * @param topic            {@code capture.kafka.topic}, default {@code configvault.snapshots}
 * @param segmentBytes     {@code capture.kafka.segment-bytes}, default 524288 (512 KiB): the
 *                         payload of one record; at most 1 MiB, and the broker's
 *                         {@code message.max.bytes} must allow it plus headers
 * @param producer         {@code capture.kafka.producer.*}, default none: producer-only Kafka
 *                         settings (timeouts, batching), under their Kafka names; settings that
 *                         would weaken delivery guarantees are refused at startup, and so are
 *                         connection settings ({@code security.*}, {@code sasl.*},
 *                         {@code ssl.*}, {@code config.providers*}), which belong in
 *                         {@code client}
 * @param commandTopic     {@code capture.kafka.command-topic}, default none: the vault's command
 *                         topic (its {@code vault.kafka.command-topic}); when set, the agent
 *                         acts on signed snapshot requests for its appliance id from it
 * @param client           {@code capture.kafka.client.*}, default none: Kafka settings of both
 *                         the producer and the command consumer, under their Kafka names:
 *                         {@code security.protocol}, {@code sasl.*}, {@code ssl.*}, config
 *                         providers and other settings both clients know; checked at startup
 */
@ConfigurationProperties("capture.kafka")
public record KafkaProperties(@Nullable String bootstrapServers,
                              @Bindable(defaultValue = "configvault.snapshots") String topic,
                              @Bindable(defaultValue = "524288") int segmentBytes,
                              @Nullable @MapFormat(transformation = FLAT, keyFormat = RAW)
                              Map<String, String> producer,
                              @Nullable String commandTopic,
                              @Nullable @MapFormat(transformation = FLAT, keyFormat = RAW)
                              Map<String, String> client) {

    public KafkaProperties {
        bootstrapServers = Settings.required(bootstrapServers, "the Kafka bootstrap servers",
                "capture.kafka.bootstrap-servers");
        topic = Settings.required(topic, "the Kafka topic", "capture.kafka.topic");
        if (segmentBytes < 1024 || segmentBytes > SegmentCodec.MAX_SEGMENT_BYTES) {
            throw new InvalidConfigurationException("the segment size must be between 1024 and "
                    + SegmentCodec.MAX_SEGMENT_BYTES + " bytes", "capture.kafka.segment-bytes");
        }
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        client = client == null ? Map.of() : Map.copyOf(client);
        if (commandTopic != null && commandTopic.isBlank()) {
            commandTopic = null;
        }
    }

    /** Without a command topic and client settings. */
    public KafkaProperties(String bootstrapServers, String topic, int segmentBytes,
                           Map<String, String> producer) {
        this(bootstrapServers, topic, segmentBytes, producer, null, Map.of());
    }
}
