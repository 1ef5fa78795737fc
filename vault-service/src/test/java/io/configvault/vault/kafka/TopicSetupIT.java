package io.configvault.vault.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.config.KafkaSettings;
import io.configvault.vault.config.TopicSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The topic set-up against the real broker: creation, checks of existing topics, refusals. */
@ExtendWith(StackExtension.class)
class TopicSetupIT {

    private final String name = "topics-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void createsTheMissingTopicsWithTheirConfigurationAndLeavesThemNextTime(LocalStack stack)
            throws Exception {
        TopicReport first = setup(stack, settings(true, true, 1_114_112)).run();

        assertThat(first.created()).containsExactly(name + ".s", name + ".q", name + ".c");
        assertThat(first.warnings()).isEmpty();
        try (Admin admin = Admin.create(stack.kafkaProps())) {
            assertThat(admin.describeTopics(List.of(name + ".s")).allTopicNames().get()
                    .get(name + ".s").partitions()).hasSize(2);
            Config snapshots = config(admin, name + ".s");
            assertThat(snapshots.get("max.message.bytes").value()).isEqualTo("1114112");
            assertThat(snapshots.get("retention.ms").value()).isEqualTo("604800000");
            assertThat(snapshots.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(snapshots.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(snapshots.get("unclean.leader.election.enable").value())
                    .isEqualTo("false");
            assertThat(config(admin, name + ".q").get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
        }
        TopicReport second = setup(stack, settings(true, true, 1_114_112)).run();
        assertThat(second.created()).isEmpty();
        assertThat(second.warnings()).isEmpty();
    }

    @Test
    void anExistingTopicThatWeakensDurabilityGivesAWarningEachStart(LocalStack stack)
            throws Exception {
        create(stack, name + ".s", Map.of("unclean.leader.election.enable", "true",
                "retention.ms", "3600000", "retention.bytes", "1000000000"));
        create(stack, name + ".q", Map.of());
        create(stack, name + ".c", Map.of());

        TopicReport report = setup(stack, settings(false, false, 1_114_112)).run();

        String snapshots = "topic '" + name + ".s' (vault.kafka.snapshot-topic)";
        assertThat(report.created()).isEmpty();
        assertThat(report.warnings()).containsExactlyInAnyOrder(
                snapshots + " has replication factor 1: losing the one broker's disk loses every"
                        + " record on it that the vault has not stored yet; recreate it with 3"
                        + " replicas (vault.kafka.topics.allow-single-replica=true silences this"
                        + " on a single-broker test stack)",
                "topic '" + name + ".q' (vault.kafka.quarantine-topic) has replication factor 1:"
                        + " losing the one broker's disk loses every record on it that the vault"
                        + " has not stored yet; recreate it with 3 replicas"
                        + " (vault.kafka.topics.allow-single-replica=true silences this on a"
                        + " single-broker test stack)",
                snapshots + " allows unclean leader election"
                        + " (unclean.leader.election.enable=true): a lagging replica may become"
                        + " leader and drop acknowledged records; set it to false",
                snapshots + " keeps records for PT1H (retention.ms=3600000), less than the PT168H"
                        + " the vault expects: records not stored before an outage this long ends"
                        + " are deleted; set retention.ms to at least 604800000",
                snapshots + " is limited by size (retention.bytes=1000000000): a backlog above it"
                        + " is deleted before the vault stores it; set retention.bytes=-1 on it",
                "topic '" + name + ".q' (vault.kafka.quarantine-topic) keeps records for PT168H"
                        + " (retention.ms=604800000), less than the PT720H the vault expects:"
                        + " records not stored before an outage this long ends are deleted; set"
                        + " retention.ms to at least 2592000000");
    }

    @Test
    void aSnapshotTopicTooSmallForTheLargestSegmentStopsStartup(LocalStack stack)
            throws Exception {
        create(stack, name + ".s", Map.of("max.message.bytes", "1048588"));

        assertThatThrownBy(() -> setup(stack, settings(true, true, 1_114_112)).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start vault: topic '" + name + ".s'"
                        + " (vault.kafka.snapshot-topic) accepts record batches of at most 1048588"
                        + " bytes (max.message.bytes), less than the 1114112 the agents' largest"
                        + " segments need with their headers; set max.message.bytes=1114112 on"
                        + " topic '" + name + ".s', or lower vault.kafka.topics.max-message-bytes"
                        + " if every agent's capture.kafka.segment-bytes is smaller");
        // Fitting the agents' segments to the topic is the other way out.
        assertThat(setup(stack, settings(true, true, 1_048_588)).run().created())
                .containsExactly(name + ".q", name + ".c");
    }

    @Test
    void aMissingTopicThatMayNotBeCreatedStopsStartup(LocalStack stack) {
        assertThatThrownBy(() -> setup(stack, settings(false, true, 1_114_112)).run())
                .hasMessage("Cannot start vault: topic '" + name + ".s'"
                        + " (vault.kafka.snapshot-topic) does not exist on "
                        + stack.kafka().bootstrapServers() + "; create it as"
                        + " docs/vault-service.md describes, or set"
                        + " vault.kafka.topics.create=true");
    }

    private TopicSetup setup(LocalStack stack, TopicSettings settings) {
        KafkaSettings kafka = new KafkaSettings(stack.kafka().bootstrapServers(), name + ".s",
                name + ".q", name, name + ".c", Duration.ofSeconds(45), Map.of());
        return new TopicSetup(new KafkaClients(kafka), settings);
    }

    private static TopicSettings settings(boolean create, boolean allowSingleReplica,
                                          int maxMessageBytes) {
        return new TopicSettings(create, 2, 1, 1, Duration.ofDays(7), Duration.ofDays(30),
                maxMessageBytes, allowSingleReplica, Duration.ofSeconds(10));
    }

    private static void create(LocalStack stack, String topic, Map<String, String> config)
            throws Exception {
        try (Admin admin = Admin.create(stack.kafkaProps())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(config)))
                    .all().get();
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
