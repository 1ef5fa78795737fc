package io.configvault.capture.publish;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KafkaProperties;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * {@code capture.kafka.client.*}: the settings of every Kafka client the agent opens (the
 * producer and the command consumer): how to reach and authenticate to the brokers
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, network tuning).
 * Only settings that both clients know are accepted; a producer-only one belongs in
 * {@code capture.kafka.producer.*}, the consumer's are the agent's own, and so are the settings
 * the agent sets itself (servers, client and group ids, serialization, commits). Unknown names
 * are refused: a misspelt {@code ssl.*} setting would otherwise be ignored with a mere warning.
 * Kafka's config providers are refused: their {@code ${provider:path:key}} references are
 * Micronaut placeholders, resolved (wrongly) before Kafka sees them; secrets go in a
 * configuration file of their own instead (docs/capture-service.md).
 *
 * <p>Messages name the setting, never its value (values may be passwords).
 */
public final class ClientSettings {

    static final String PREFIX = "capture.kafka.client.";
    /** Kafka's config providers ({@code config.providers}, {@code config.providers.file.class}). */
    static final String PROVIDERS = "config.providers";

    private static final Set<String> OWNED = Set.of(ProducerConfig.CLIENT_ID_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    /** Prefixes of settings that belong in {@code capture.kafka.client.*}, not the producer's. */
    private static final List<String> CONNECTION = List.of("security.", "sasl.", "ssl.",
            PROVIDERS);

    private ClientSettings() {
    }

    /**
     * The checked {@code capture.kafka.client.*} settings, for both clients.
     *
     * @throws InvalidConfigurationException naming the first setting that is refused
     */
    public static Map<String, Object> of(KafkaProperties kafka) {
        for (String key : kafka.client().keySet().stream().sorted().toList()) {
            String problem = problem(key);
            if (problem != null) {
                throw new InvalidConfigurationException(problem, PREFIX + key);
            }
        }
        return new HashMap<>(kafka.client());
    }

    /**
     * Refuses a connection setting in {@code capture.kafka.producer.*}: it would reach only the
     * producer, and the command consumer would connect without it.
     */
    static void checkProducerOnly(Map<String, String> producer) {
        for (String key : producer.keySet().stream().sorted().toList()) {
            if (CONNECTION.stream().anyMatch(key::startsWith)) {
                throw new InvalidConfigurationException("a connection setting belongs in "
                        + PREFIX + key + ", which applies to the producer and the command"
                        + " consumer alike", ProducerSettings.PREFIX + key);
            }
        }
    }

    private static String problem(String key) {
        if (key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            return "the brokers are set by capture.kafka.bootstrap-servers";
        }
        if (OWNED.contains(key)) {
            return "the agent sets this Kafka setting itself";
        }
        if (key.startsWith(PROVIDERS)) {
            return "Kafka's ${provider:...} references would be resolved by the agent's"
                    + " configuration as placeholders; put secret settings in a configuration"
                    + " file of their own (see \"Secured Kafka\" in docs/capture-service.md)";
        }
        boolean producer = ProducerConfig.configNames().contains(key);
        boolean consumer = ConsumerConfig.configNames().contains(key);
        if (producer && !consumer) {
            return "a producer-only setting belongs in " + ProducerSettings.PREFIX + key;
        }
        if (consumer && !producer) {
            return "the command consumer's own settings are the agent's";
        }
        if (!producer) {
            return "not a Kafka client setting; check its spelling against the Kafka"
                    + " documentation";
        }
        return null;
    }
}
