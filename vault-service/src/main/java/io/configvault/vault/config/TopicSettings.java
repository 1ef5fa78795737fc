package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code vault.kafka.topics.*}: how the vault sets up its topics at startup (creating the missing
 * ones) and what it expects of existing ones.
 *
 * @param create             create a missing topic (default true); when false a missing topic
 *                           stops startup
 * @param partitions         partitions of a created topic (default 6): at most this many vault
 *                           instances share the ingest
 * @param replicationFactor  replicas of a created topic (default 3)
 * @param minInsyncReplicas  {@code min.insync.replicas} of a created topic (default 2); at most
 *                           the replication factor
 * @param snapshotRetention  {@code retention.ms} of a created snapshot topic and the least an
 *                           existing one must keep records (default 7 days): snapshots must
 *                           outlast an outage of the vault
 * @param quarantineRetention the same for the quarantine topic (default 30 days)
 * @param maxMessageBytes    {@code max.message.bytes} of a created snapshot topic and the least an
 *                           existing one must accept (default 1114112: the agents' largest
 *                           segment, 1 MiB, plus 64 KiB of headers and batch overhead); lower it
 *                           only when every agent's {@code capture.kafka.segment-bytes} is smaller
 * @param allowSingleReplica accept replication factor 1 without a warning (default false; the
 *                           local stack and the tests set it)
 * @param timeout            how long startup waits for the brokers to answer (default 30 s)
 */
@ConfigurationProperties("vault.kafka.topics")
public record TopicSettings(
        @Bindable(defaultValue = "true") boolean create,
        @Bindable(defaultValue = "6") int partitions,
        @Bindable(defaultValue = "3") int replicationFactor,
        @Bindable(defaultValue = "2") int minInsyncReplicas,
        @Bindable(defaultValue = "7d") @NotNull Duration snapshotRetention,
        @Bindable(defaultValue = "30d") @NotNull Duration quarantineRetention,
        @Bindable(defaultValue = "1114112") int maxMessageBytes,
        @Bindable(defaultValue = "false") boolean allowSingleReplica,
        @Bindable(defaultValue = "30s") @NotNull Duration timeout) {

    /** The agents' smallest segment (1 KiB) plus their 64 KiB of headroom. */
    public static final int MIN_MESSAGE_BYTES = 1024 + 65536;

    public TopicSettings {
        require(partitions >= 1, "vault.kafka.topics.partitions must be at least 1");
        require(replicationFactor >= 1 && replicationFactor <= Short.MAX_VALUE,
                "vault.kafka.topics.replication-factor must be at least 1");
        require(minInsyncReplicas >= 1 && minInsyncReplicas <= replicationFactor,
                "vault.kafka.topics.min-insync-replicas must be between 1 and"
                        + " vault.kafka.topics.replication-factor (" + replicationFactor + ")");
        require(maxMessageBytes >= MIN_MESSAGE_BYTES, "vault.kafka.topics.max-message-bytes"
                + " must be at least " + MIN_MESSAGE_BYTES);
        require(snapshotRetention.isPositive() && quarantineRetention.isPositive(),
                "vault.kafka.topics.snapshot-retention and quarantine-retention must be positive");
        require(timeout.toMillis() >= 1, "vault.kafka.topics.timeout must be at least 1 ms");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("Cannot start vault: " + problem);
        }
    }
}
