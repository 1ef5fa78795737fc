package io.configvault.vault.kafka;

import io.configvault.vault.config.TopicSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Sets up the topics once, when the first bean that needs them (the ingest) is created: before
 * the ingest loop starts. Not in the rebuild-catalog command, which reads only the bucket.
 */
@Factory
final class TopicFactory {

    @Singleton
    @Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
    TopicReport topics(KafkaClients clients, TopicSettings settings) {
        return new TopicSetup(clients, settings).run();
    }
}
