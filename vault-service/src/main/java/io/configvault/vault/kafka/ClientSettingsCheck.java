package io.configvault.vault.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Refuses {@code vault.kafka.client.*} settings that the vault sets itself or that would break
 * its guarantees: the pass-through is for how to reach and authenticate to the brokers
 * (security, SASL, TLS, network tuning), never for what the vault promises
 * (every record read and committed only after the durable write, quarantine and commands written
 * with {@code acks=all} and idempotence, records passed byte for byte, commands partitioned by
 * appliance id as the agents expect). A setting the vault sets on one of its clients would also
 * be silently overridden there and apply to the others, so it is refused too. Unknown names are
 * refused: a misspelt {@code ssl.*} setting would otherwise be ignored with nothing but a
 * warning in Kafka's log. Kafka's config providers are refused: their {@code ${provider:path:key}}
 * references are Micronaut placeholders, which Micronaut resolves (wrongly) before Kafka sees
 * them; secrets go in a configuration file of their own instead (docs/vault-service.md).
 *
 * <p>Messages name the setting, never its value (values may be passwords).
 */
final class ClientSettingsCheck {

    static final String PREFIX = "vault.kafka.client.";

    private static final Map<String, String> OWNED = owned();
    private static final String PROVIDERS = "config.providers";

    private ClientSettingsCheck() {
    }

    /**
     * @throws IllegalStateException "Cannot start vault: ..." naming the first refused setting
     */
    static void check(Map<String, String> client) {
        for (String key : client.keySet().stream().sorted().toList()) {
            String reason = OWNED.get(key);
            if (reason != null) {
                throw new IllegalStateException("Cannot start vault: " + PREFIX + key
                        + " cannot be set: " + reason + "; remove it");
            }
            if (key.startsWith(PROVIDERS)) {
                throw new IllegalStateException("Cannot start vault: " + PREFIX + key
                        + " cannot be set: Kafka's ${provider:...} references would be resolved"
                        + " by the vault's configuration as placeholders; put secret settings in"
                        + " a configuration file of their own (see \"Secured Kafka\" in"
                        + " docs/vault-service.md)");
            }
            if (!known(key)) {
                throw new IllegalStateException("Cannot start vault: " + PREFIX + key
                        + " is not a Kafka client setting; check its spelling against the Kafka"
                        + " documentation (producer, consumer and admin settings)");
            }
        }
    }

    private static boolean known(String key) {
        return ProducerConfig.configNames().contains(key)
                || ConsumerConfig.configNames().contains(key)
                || AdminClientConfig.configNames().contains(key);
    }

    private static Map<String, String> owned() {
        Map<String, String> owned = new LinkedHashMap<>();
        owned.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "set vault.kafka.bootstrap-servers");
        owned.put(ConsumerConfig.GROUP_ID_CONFIG, "set vault.kafka.group-id");
        owned.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "set vault.kafka.session-timeout");
        owned.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                "the vault derives it from vault.kafka.session-timeout");
        String group = "the vault's membership in its consumer group is its own";
        for (String key : Set.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
            owned.put(key, group);
        }
        String commits = "the ingest reads every record from the start of its partition and"
                + " commits an offset only after the snapshot is stored";
        for (String key : Set.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
            owned.put(key, commits);
        }
        String durable = "the vault writes quarantine records and commands with acks=all and"
                + " idempotence, without transactions";
        for (String key : Set.of(ProducerConfig.ACKS_CONFIG,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.RETRIES_CONFIG,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)) {
            owned.put(key, durable);
        }
        String verbatim = "records pass byte for byte, and commands are partitioned by appliance"
                + " id as the agents expect";
        for (String key : Set.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ProducerConfig.PARTITIONER_CLASS_CONFIG,
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG)) {
            owned.put(key, verbatim);
        }
        String perClient = "the vault sets it for each of its clients";
        for (String key : Set.of(ProducerConfig.CLIENT_ID_CONFIG,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)) {
            owned.put(key, perClient);
        }
        return Map.copyOf(owned);
    }
}
