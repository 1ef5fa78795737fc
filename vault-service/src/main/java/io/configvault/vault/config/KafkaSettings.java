package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;

/**
 * {@code vault.kafka.*}: where snapshot events come from and where bad ones go.
 *
 * @param bootstrapServers broker list, e.g. {@code 127.0.0.1:9092}
 * @param snapshotTopic    topic of snapshot segments (default {@code configvault.snapshots})
 * @param quarantineTopic  topic of refused events (default {@code configvault.quarantine})
 * @param commandTopic     topic of signed commands to agents, keyed by appliance id (default
 *                         {@code configvault.commands}); snapshot requests are published to it
 * @param groupId          consumer group of the vault instances (default {@code configvault-vault})
 * @param sessionTimeout   how long the group waits for an instance that stopped answering (killed,
 *                         hung, cut off) before its partitions move to another (default 45 s, the
 *                         client's); must lie within the broker's
 *                         {@code group.min.session.timeout.ms} and
 *                         {@code group.max.session.timeout.ms} (6 s and 30 min by default). An
 *                         instance that stops cleanly leaves the group at once.
 * @param client           {@code vault.kafka.client.*}, default none: Kafka client settings under
 *                         their Kafka names ({@code security.protocol}, {@code sasl.*},
 *                         {@code ssl.*}, ...) for every client the vault opens (consumer,
 *                         producers, admin)
 */
@ConfigurationProperties("vault.kafka")
public record KafkaSettings(
        @NotBlank String bootstrapServers,
        @Bindable(defaultValue = "configvault.snapshots") @NotBlank String snapshotTopic,
        @Bindable(defaultValue = "configvault.quarantine") @NotBlank String quarantineTopic,
        @Bindable(defaultValue = "configvault-vault") @NotBlank String groupId,
        @Bindable(defaultValue = "configvault.commands") @NotBlank String commandTopic,
        @Bindable(defaultValue = "45s") @NotNull Duration sessionTimeout,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT,
                keyFormat = StringConvention.RAW)
        Map<String, String> client) {

    public KafkaSettings {
        client = client == null ? Map.of() : Map.copyOf(client);
    }
}
