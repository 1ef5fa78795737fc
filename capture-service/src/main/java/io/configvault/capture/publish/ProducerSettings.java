package io.configvault.capture.publish;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KafkaProperties;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka producer settings: durable, idempotent, ordered (ARCHITECTURE decision 4), and a
 * startup check of the <em>effective</em> configuration, because Kafka silently turns
 * idempotence off when other settings conflict with it and it was not set explicitly.
 */
public final class ProducerSettings {

    /** Room for the record headers and batch overhead on top of a segment's payload. */
    static final int HEADROOM_BYTES = 64 * 1024;
    static final String PREFIX = "capture.kafka.producer.";

    private ProducerSettings() {
    }

    /**
     * Our settings, overlaid with {@code capture.kafka.client.*}, then with
     * {@code capture.kafka.producer.*}, then checked.
     *
     * @throws InvalidConfigurationException when the result would weaken delivery guarantees, or
     *     a connection setting is among the producer-only ones
     */
    public static Map<String, Object> of(KafkaProperties kafka, String clientId) {
        ClientSettings.checkProducerOnly(kafka.producer());
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(kafka.segmentBytes() + HEADROOM_BYTES));
        // The producer holds at most this much of a snapshot in memory; send() waits for room.
        // Kafka's 32 MiB default would be half the heap of an agent run with -Xmx64m.
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(8L << 20));
        // One segment per batch, in a buffer the producer reuses: it pools only buffers of
        // exactly batch.size, and gives a record larger than that (any segment, with Kafka's
        // 16 KiB default) a fresh one each time, which a 64 MiB heap pays for in collections.
        // Publishing 1 GiB went from 65 to 112 MiB/s (docs/benchmarks.md, figure 3).
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(kafka.segmentBytes() + HEADROOM_BYTES));
        // Sealed data is random: compression would only cost CPU.
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // Bounded waits: a broker that is away fails the attempt within ~30 s, the publisher
        // backs off and retries the same snapshot with a fresh producer.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        settings.putAll(ClientSettings.of(kafka));
        settings.putAll(kafka.producer());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        check(settings, kafka.segmentBytes());
        return settings;
    }

    /**
     * What any Kafka client of the agent needs to reach the brokers as the producer does: the
     * bootstrap servers and the {@code capture.kafka.client.*} settings (security, SASL, TLS).
     * The health check's admin client uses them.
     */
    public static Map<String, Object> connection(KafkaProperties kafka) {
        Map<String, Object> settings = ClientSettings.of(kafka);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return settings;
    }

    /**
     * Parses the settings as the producer would and refuses any that give up durability,
     * idempotence or order, or that cannot carry a segment.
     */
    static void check(Map<String, Object> settings, int segmentBytes) {
        ProducerConfig config;
        try {
            config = new ProducerConfig(settings);
        } catch (ConfigException e) {
            // Kafka's message quotes the value, which may be a password: name the setting only.
            throw new InvalidConfigurationException("the Kafka producer settings are invalid: "
                    + "Kafka refused the value of " + invalidKey(e, settings.keySet()),
                    "capture.kafka.producer");
        }
        if (!config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)) {
            throw refused("idempotence is off; a retried send could then write a segment twice"
                    + " or out of order", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        }
        String acks = config.getString(ProducerConfig.ACKS_CONFIG);
        if (!"all".equals(acks) && !"-1".equals(acks)) {
            throw refused("acks is " + acks + "; only acks=all survives the loss of a broker",
                    ProducerConfig.ACKS_CONFIG);
        }
        int inFlight = config.getInt(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight > 5) {
            throw refused("max.in.flight.requests.per.connection is " + inFlight
                    + "; the idempotent producer keeps order only up to 5",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        }
        if (config.getInt(ProducerConfig.RETRIES_CONFIG) < 1) {
            throw refused("retries is 0; idempotence needs retries", ProducerConfig.RETRIES_CONFIG);
        }
        int maxRequest = config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (maxRequest < segmentBytes + HEADROOM_BYTES) {
            throw refused("max.request.size is " + maxRequest + ", too small for segments of "
                    + segmentBytes + " bytes plus " + HEADROOM_BYTES + " bytes of headroom",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        if (config.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            throw refused("a transactional id is set; the agent does not use transactions",
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
    }

    private static String invalidKey(ConfigException e, Set<String> keys) {
        String message = String.valueOf(e.getMessage());
        return keys.stream().filter(key -> Pattern.compile("(^|[^\\w.])" + Pattern.quote(key)
                        + "($|[^\\w.])").matcher(message).find())
                .max(Comparator.comparingInt(String::length)).orElse("one of them");
    }

    private static InvalidConfigurationException refused(String problem, String key) {
        return new InvalidConfigurationException("the Kafka producer setting is unsafe: " + problem,
                PREFIX + key);
    }
}
