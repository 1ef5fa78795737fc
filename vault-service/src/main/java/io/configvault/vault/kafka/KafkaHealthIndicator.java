package io.configvault.vault.kafka;

import io.configvault.shared.health.CheckIndicator;
import io.configvault.shared.kafka.KafkaClusterProbe;
import io.configvault.vault.config.VaultEnvironments;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Readiness detail {@code kafka}: the cluster answers the vault's admin client (the same
 * bootstrap servers and security settings as the ingest consumer, {@link KafkaClients#admin}),
 * probed by {@link KafkaClusterProbe}. DOWN while the brokers are away or refuse the client
 * (authentication, TLS): the vault then stores nothing new; it resumes by itself when they
 * return. Not a liveness matter: restarting the vault does not bring a broker back.
 */
@Singleton
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class KafkaHealthIndicator extends CheckIndicator {

    private final KafkaClusterProbe probe;

    @Inject
    KafkaHealthIndicator(KafkaClients clients, Clock clock) {
        this(new KafkaClusterProbe(clients.admin(), clients.settings().bootstrapServers()), clock);
    }

    private KafkaHealthIndicator(KafkaClusterProbe probe, Clock clock) {
        super("kafka", probe, clock);
        this.probe = probe;
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
