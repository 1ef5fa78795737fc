package io.configvault.vault.kafka;

import io.configvault.vault.config.KafkaSettings;
import io.configvault.vault.config.TopicSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One of the vault's topics and what it needs.
 *
 * @param name      the topic
 * @param setting   the setting naming it, for messages
 * @param retention the least time it must keep records, or null when it does not matter
 * @param segments  whether it carries the agents' segments (their size is checked)
 * @param durable   whether losing its records loses snapshots or evidence (durability checked)
 */
record TopicSpec(String name, String setting, Duration retention, boolean segments,
                 boolean durable) {

    /** The snapshot, quarantine and command topics of these settings. */
    static List<TopicSpec> of(KafkaSettings kafka, TopicSettings topics) {
        return List.of(
                new TopicSpec(kafka.snapshotTopic(), "vault.kafka.snapshot-topic",
                        topics.snapshotRetention(), true, true),
                new TopicSpec(kafka.quarantineTopic(), "vault.kafka.quarantine-topic",
                        topics.quarantineRetention(), false, true),
                // Commands expire within minutes (vault.snapshot-requests.ttl).
                new TopicSpec(kafka.commandTopic(), "vault.kafka.command-topic", null, false,
                        false));
    }

    /** The topic configuration the vault creates it with. */
    Map<String, String> creationConfig(TopicSettings topics) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(topics.minInsyncReplicas()));
        config.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false");
        config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(
                (retention == null ? topics.snapshotRetention() : retention).toMillis()));
        config.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        if (segments) {
            config.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    Integer.toString(topics.maxMessageBytes()));
        }
        return config;
    }
}
