package io.configvault.vault.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.config.KafkaSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaClientsTest {

    private static final String SECRET = "pass-word-value";

    @Test
    void securitySettingsReachEveryClientAndTheVaultsOwnComeLast() {
        KafkaClients clients = clients(Map.of("security.protocol", "SSL",
                "ssl.truststore.location", "/etc/configvault/secrets/truststore.p12"));

        for (Properties props : all(clients)) {
            assertThat(props).containsEntry("security.protocol", "SSL")
                    .containsEntry("ssl.truststore.location",
                            "/etc/configvault/secrets/truststore.p12")
                    .containsEntry("bootstrap.servers", "broker:9093");
        }
        assertThat(clients.ingestConsumer()).containsEntry("enable.auto.commit", "false");
        assertThat(clients.commandProducer()).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
        assertThat(clients.securityProtocol()).isEqualTo("SSL");
        assertThat(clients(Map.of()).securityProtocol()).isEqualTo("PLAINTEXT");
    }

    /** Whatever the vault sets on any of its clients cannot come from the pass-through. */
    @Test
    void everySettingTheVaultSetsItselfIsRefused() {
        Set<String> own = new HashSet<>();
        all(clients(Map.of())).forEach(props -> own.addAll(props.stringPropertyNames()));
        own.addAll(Set.of("key.serializer", "value.serializer", "key.deserializer",
                "value.deserializer"));

        for (String key : own) {
            assertThatThrownBy(() -> clients(Map.of(key, SECRET)), key)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot start vault: vault.kafka.client." + key
                            + " cannot be set: ")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bootstrap.servers|set vault.kafka.bootstrap-servers; remove it",
        "group.id|set vault.kafka.group-id; remove it",
        "session.timeout.ms|set vault.kafka.session-timeout; remove it",
        "acks|the vault writes quarantine records and commands with acks=all and idempotence,"
                + " without transactions; remove it",
        "enable.idempotence|the vault writes quarantine records and commands with acks=all and"
                + " idempotence, without transactions; remove it",
        "transactional.id|the vault writes quarantine records and commands with acks=all and"
                + " idempotence, without transactions; remove it",
        "isolation.level|the ingest reads every record from the start of its partition and"
                + " commits an offset only after the snapshot is stored; remove it",
        "auto.offset.reset|the ingest reads every record from the start of its partition and"
                + " commits an offset only after the snapshot is stored; remove it",
        "partitioner.class|records pass byte for byte, and commands are partitioned by"
                + " appliance id as the agents expect; remove it",
        "group.instance.id|the vault's membership in its consumer group is its own; remove it"})
    void aGuaranteeCannotBeOverridden(String key, String reason) {
        assertThatThrownBy(() -> clients(Map.of(key, SECRET)))
                .hasMessage("Cannot start vault: vault.kafka.client." + key + " cannot be set: "
                        + reason);
    }

    @Test
    void configProvidersAreRefusedBecauseTheirReferencesAreMicronautPlaceholders() {
        assertThatThrownBy(() -> clients(Map.of("config.providers", "file")))
                .hasMessage("Cannot start vault: vault.kafka.client.config.providers cannot be"
                        + " set: Kafka's ${provider:...} references would be resolved by the"
                        + " vault's configuration as placeholders; put secret settings in a"
                        + " configuration file of their own (see \"Secured Kafka\" in"
                        + " docs/vault-service.md)");
    }

    @Test
    void aMisspeltSettingIsRefusedByName() {
        assertThatThrownBy(() -> clients(Map.of("ssl.truststore.pasword", SECRET)))
                .hasMessage("Cannot start vault: vault.kafka.client.ssl.truststore.pasword is"
                        + " not a Kafka client setting; check its spelling against the Kafka"
                        + " documentation (producer, consumer and admin settings)");
    }

    @Test
    void tuningOfOneKindOfClientIsAccepted() {
        KafkaClients clients = clients(Map.of("fetch.max.bytes", "1048576",
                "linger.ms", "5", "reconnect.backoff.max.ms", "2000",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", SECRET));

        assertThat(clients.ingestConsumer()).containsEntry("fetch.max.bytes", "1048576");
        assertThat(clients.admin()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    private static KafkaClients clients(Map<String, String> client) {
        return new KafkaClients(new KafkaSettings("broker:9093", "s", "q", "g", "c",
                Duration.ofSeconds(45), client));
    }

    private static Iterable<Properties> all(KafkaClients clients) {
        return Stream.of(clients.ingestConsumer(), clients.quarantineProducer(),
                clients.commandProducer(), clients.admin()).toList();
    }
}
