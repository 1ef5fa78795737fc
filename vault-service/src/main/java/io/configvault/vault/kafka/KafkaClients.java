package io.configvault.vault.kafka;

import io.configvault.vault.config.KafkaSettings;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The properties of every Kafka client the vault opens: the ingest consumer, the quarantine and
 * command producers, and the admin client. The operator's {@code vault.kafka.client.*} settings
 * (security, SASL, TLS, under their Kafka names) apply to all of them; the vault's own
 * guarantees (acks, idempotence, manual commits) are set after them and cannot be overridden.
 */
@Singleton
public final class KafkaClients {

    private final KafkaSettings kafka;

    /**
     * @throws IllegalStateException "Cannot start vault: ..." when a {@code vault.kafka.client.*}
     *     setting is one the vault sets itself, would break its guarantees, or is unknown
     */
    public KafkaClients(KafkaSettings kafka) {
        ClientSettingsCheck.check(kafka.client());
        this.kafka = kafka;
    }

    public KafkaSettings settings() {
        return kafka;
    }

    /**
     * The {@code security.protocol} in use: {@code vault.kafka.client.security.protocol}, else
     * Kafka's default {@code PLAINTEXT}. For messages about connections that fail.
     */
    public String securityProtocol() {
        return kafka.client().getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
                CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
    }

    /** The ingest loop's consumer of the snapshot topic. */
    public Properties ingestConsumer() {
        Properties props = common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "32");
        long session = kafka.sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(session));
        // Kafka's advice: heartbeat at most a third of the session timeout.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(Math.min(3000, session / 3)));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /** The quarantine producer of the ingest loop. */
    public Properties quarantineProducer() {
        Properties props = producer();
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return props;
    }

    /** The producer of signed commands (snapshot requests). */
    public Properties commandProducer() {
        Properties props = producer();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "configvault-vault-commands");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return props;
    }

    /** An admin client (topic set-up, health): short timeouts, it only asks questions. */
    public Properties admin() {
        Properties props = common();
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return props;
    }

    private Properties producer() {
        Properties props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    private Properties common() {
        Properties props = new Properties();
        for (Map.Entry<String, String> setting : kafka.client().entrySet()) {
            props.put(setting.getKey(), setting.getValue());
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return props;
    }
}
