package io.configvault.capture.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.config.KafkaProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command consumer connects as the producer does: with {@code capture.kafka.client.*}. */
class CommandListenerSettingsTest {

    @Test
    void clientSettingsReachTheCommandConsumerAndItsOwnComeLast() {
        KafkaProperties kafka = new KafkaProperties("127.0.0.1:9093", "configvault.snapshots",
                524288, Map.of("linger.ms", "5"), "configvault.commands",
                Map.of("security.protocol", "SSL", "ssl.truststore.location", "/t.p12"));

        Map<String, Object> settings = CommandListener.settings(kafka, "nas-1");

        assertThat(settings).containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/t.p12")
                .containsEntry("bootstrap.servers", "127.0.0.1:9093")
                .containsEntry("group.id", "configvault-agent-nas-1")
                .containsEntry("enable.auto.commit", "false")
                .doesNotContainKey("linger.ms");
    }
}
