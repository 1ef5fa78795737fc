package io.configvault.capture.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KafkaProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientSettingsTest {

    private static final String SECRET = "pass-word-value";

    @Test
    void connectionSettingsPassThrough() {
        Map<String, Object> settings = ClientSettings.of(kafka(Map.of(
                "security.protocol", "SSL", "ssl.keystore.location", "/secrets/agent.p12",
                "ssl.keystore.password", SECRET, "reconnect.backoff.max.ms", "5000")));

        assertThat(settings).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.password", SECRET)
                .containsEntry("reconnect.backoff.max.ms", "5000")
                .hasSize(4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bootstrap.servers|the brokers are set by capture.kafka.bootstrap-servers",
        "client.id|the agent sets this Kafka setting itself",
        "group.id|the agent sets this Kafka setting itself",
        "enable.auto.commit|the agent sets this Kafka setting itself",
        "value.serializer|the agent sets this Kafka setting itself",
        "acks|a producer-only setting belongs in capture.kafka.producer.acks",
        "linger.ms|a producer-only setting belongs in capture.kafka.producer.linger.ms",
        "isolation.level|the command consumer's own settings are the agent's",
        "max.poll.records|the command consumer's own settings are the agent's",
        "config.providers|Kafka's ${provider:...} references would be resolved by the agent's"
                + " configuration as placeholders; put secret settings in a configuration file"
                + " of their own (see \"Secured Kafka\" in docs/capture-service.md)",
        "ssl.truststore.locaton|not a Kafka client setting; check its spelling against the"
                + " Kafka documentation"})
    void refusesWhatIsNotBothClientsConnection(String key, String problem) {
        assertThatThrownBy(() -> ClientSettings.of(kafka(Map.of(key, SECRET))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: " + problem + " (capture.kafka.client." + key
                        + ")")
                .hasMessageNotContaining(SECRET);
    }

    private static KafkaProperties kafka(Map<String, String> client) {
        return new KafkaProperties("127.0.0.1:9092", "configvault.snapshots", 524288, Map.of(),
                "configvault.commands", client);
    }
}
