package io.configvault.vault.kafka;

import io.configvault.vault.config.TopicSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Checks an existing topic's effective configuration against what the vault needs. A topic that
 * cannot carry the agents' segments, or that compacts them away, stops startup; settings that
 * weaken durability (one replica, one in-sync replica of three, unclean leader election, short
 * or size-limited retention) give warnings, because the operator may know better, but a weak
 * topic loses snapshots that the vault has not stored yet.
 */
final class TopicCheck {

    private TopicCheck() {
    }

    /**
     * @param replicas the topic's replication factor (of its first partition)
     * @param config   its effective configuration (topic overrides and broker defaults)
     * @return the warnings, empty when nothing weakens durability
     * @throws IllegalStateException "Cannot start vault: ..." when the topic cannot be used
     */
    static List<String> check(TopicSpec spec, TopicSettings settings, int replicas,
                              Map<String, String> config) {
        String topic = "topic '" + spec.name() + "' (" + spec.setting() + ")";
        if (spec.segments()) {
            refuseSmallMessages(topic, spec, settings, config);
            if (config.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                    .contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                throw new IllegalStateException("Cannot start vault: " + topic + " is compacted"
                        + " (cleanup.policy=compact), which keeps only the newest segment of each"
                        + " appliance; set cleanup.policy=delete on it");
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!spec.durable()) {
            return warnings;
        }
        long minIsr = number(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 1);
        if (replicas == 1 && !settings.allowSingleReplica()) {
            warnings.add(topic + " has replication factor 1: losing the one broker's disk loses"
                    + " every record on it that the vault has not stored yet; recreate it with 3"
                    + " replicas (vault.kafka.topics.allow-single-replica=true silences this on a"
                    + " single-broker test stack)");
        }
        if (replicas >= 3 && minIsr < 2) {
            warnings.add(topic + " has min.insync.replicas=" + minIsr + " with " + replicas
                    + " replicas: a write acknowledged by one broker is lost when that broker"
                    + " fails; set min.insync.replicas=2 on it");
        }
        if ("true".equals(config.get(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG))) {
            warnings.add(topic + " allows unclean leader election"
                    + " (unclean.leader.election.enable=true): a lagging replica may become"
                    + " leader and drop acknowledged records; set it to false");
        }
        if (spec.retention() != null) {
            long retention = number(config, TopicConfig.RETENTION_MS_CONFIG, -1);
            if (retention >= 0 && retention < spec.retention().toMillis()) {
                warnings.add(topic + " keeps records for " + Duration.ofMillis(retention)
                        + " (retention.ms=" + retention + "), less than the "
                        + spec.retention() + " the vault expects: records not stored before an"
                        + " outage this long ends are deleted; set retention.ms to at least "
                        + spec.retention().toMillis());
            }
            long bytes = number(config, TopicConfig.RETENTION_BYTES_CONFIG, -1);
            if (bytes >= 0) {
                warnings.add(topic + " is limited by size (retention.bytes=" + bytes + "): a"
                        + " backlog above it is deleted before the vault stores it; set"
                        + " retention.bytes=-1 on it");
            }
        }
        return warnings;
    }

    private static void refuseSmallMessages(String topic, TopicSpec spec, TopicSettings settings,
                                            Map<String, String> config) {
        long max = number(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.MAX_VALUE);
        if (max < settings.maxMessageBytes()) {
            throw new IllegalStateException("Cannot start vault: " + topic + " accepts record"
                    + " batches of at most " + max + " bytes (max.message.bytes), less than the "
                    + settings.maxMessageBytes() + " the agents' largest segments need with"
                    + " their headers; set max.message.bytes=" + settings.maxMessageBytes()
                    + " on topic '" + spec.name() + "', or lower"
                    + " vault.kafka.topics.max-message-bytes if every agent's"
                    + " capture.kafka.segment-bytes is smaller");
        }
    }

    private static long number(Map<String, String> config, String key, long absent) {
        String value = config.get(key);
        return value == null ? absent : Long.parseLong(value.strip());
    }
}
