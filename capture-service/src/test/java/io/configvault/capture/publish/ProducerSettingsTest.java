package io.configvault.capture.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KafkaProperties;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProducerSettingsTest {

    private static final String SECRET = "pass-word-value";

    @Test
    void setsDurabilityAndIdempotenceExplicitly() {
        Map<String, Object> settings = ProducerSettings.of(kafka(Map.of()), "client");

        assertThat(settings)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5")
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        Integer.toString(524288 + ProducerSettings.HEADROOM_BYTES))
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG,
                        Integer.toString(524288 + ProducerSettings.HEADROOM_BYTES))
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        ProducerConfig effective = new ProducerConfig(settings);
        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(effective.getString(ProducerConfig.ACKS_CONFIG)).isIn("all", "-1");
    }

    @Test
    void acceptsHarmlessOverrides() {
        Map<String, Object> settings = ProducerSettings.of(kafka(Map.of("linger.ms", "20")),
                "client");

        assertThat(settings).containsEntry("linger.ms", "20");
    }

    @Test
    void clientSettingsComeFirstAndCannotWeakenTheProducer() {
        Map<String, Object> settings = ProducerSettings.of(withClient(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "request.timeout.ms", "20000")), "client");

        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("request.timeout.ms", "20000")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"security.protocol", "sasl.jaas.config", "ssl.keystore.password",
        "config.providers"})
    void refusesConnectionSettingsAmongTheProducerOnes(String key) {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of(key, SECRET)), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: a connection setting belongs in"
                        + " capture.kafka.client." + key + ", which applies to the producer and"
                        + " the command consumer alike (capture.kafka.producer." + key + ")");
    }

    @Test
    void anInvalidValueIsNamedByItsSettingAndNeverQuoted() {
        assertThatThrownBy(() -> ProducerSettings.of(withClient(Map.of(
                "security.protocol", SECRET)), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the Kafka producer settings are invalid:"
                        + " Kafka refused the value of security.protocol"
                        + " (capture.kafka.producer)");
    }

    @Test
    void theConnectionSettingsAreTheBrokersAndTheClientSettingsNotTheProducers() {
        Map<String, Object> connection = ProducerSettings.connection(new KafkaProperties(
                "127.0.0.1:9092", "configvault.snapshots", 524288, Map.of("linger.ms", "20"),
                null, Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/configvault/truststore.p12")));

        assertThat(connection).containsOnly(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("ssl.truststore.location", "/etc/configvault/truststore.p12"));
    }

    @Test
    void refusesTurningIdempotenceOff() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of(
                "enable.idempotence", "false")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the Kafka producer setting is unsafe:"
                        + " idempotence is off; a retried send could then write a segment twice"
                        + " or out of order (capture.kafka.producer.enable.idempotence)");
    }

    @Test
    void refusesWeakerAcks() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of("acks", "1")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Cannot start capture: the Kafka producer settings are"
                        + " invalid: ")
                .hasMessageContaining("acks")
                .hasMessageEndingWith("(capture.kafka.producer)");
    }

    @Test
    void refusesWeakerAcksEvenWithIdempotenceOff() {
        // Without the explicit setting Kafka would turn idempotence off silently here.
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of("acks", "1",
                "enable.idempotence", "false")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith("(capture.kafka.producer.enable.idempotence)");
    }

    @Test
    void refusesTooManyRequestsInFlight() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of(
                "max.in.flight.requests.per.connection", "6")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("max.in.flight.requests.per.connection");
    }

    @Test
    void refusesDisabledRetries() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of("retries", "0")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("retries");
    }

    @Test
    void refusesARequestSizeTooSmallForASegment() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of(
                "max.request.size", "524288")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the Kafka producer setting is unsafe:"
                        + " max.request.size is 524288, too small for segments of 524288 bytes"
                        + " plus 65536 bytes of headroom"
                        + " (capture.kafka.producer.max.request.size)");
    }

    @Test
    void refusesTransactions() {
        assertThatThrownBy(() -> ProducerSettings.of(kafka(Map.of(
                "transactional.id", "capture")), "client"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageEndingWith("(capture.kafka.producer.transactional.id)");
    }

    private static KafkaProperties withClient(Map<String, String> client) {
        return new KafkaProperties("127.0.0.1:9092", "configvault.snapshots", 524288, Map.of(),
                null, client);
    }

    private static KafkaProperties kafka(Map<String, String> overrides) {
        return new KafkaProperties("127.0.0.1:9092", "configvault.snapshots", 524288, overrides);
    }
}
