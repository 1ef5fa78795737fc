package io.configvault.capture.publish;

import io.configvault.capture.config.KafkaProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.shared.health.CheckIndicator;
import io.configvault.shared.kafka.KafkaClusterProbe;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Properties;

/**
 * Readiness detail {@code kafka}: the brokers answer an admin client with the producer's
 * bootstrap servers and security settings ({@link ProducerSettings#connection}), probed by
 * {@link KafkaClusterProbe}. DOWN while they are away or refuse the agent (authentication, TLS):
 * the agent cannot deliver, its outbox keeps every snapshot meanwhile, and it publishes them by
 * itself when the brokers return. Not a liveness matter: a restart brings no broker back.
 */
@Singleton
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class KafkaHealthIndicator extends CheckIndicator {

    private final KafkaClusterProbe probe;

    @Inject
    KafkaHealthIndicator(KafkaProperties kafka, Clock clock) {
        this(new KafkaClusterProbe(properties(kafka), kafka.bootstrapServers()), clock);
    }

    private KafkaHealthIndicator(KafkaClusterProbe probe, Clock clock) {
        super("kafka", probe, clock);
        this.probe = probe;
    }

    private static Properties properties(KafkaProperties kafka) {
        Properties properties = new Properties();
        properties.putAll(ProducerSettings.connection(kafka));
        properties.put("client.id", "configvault-capture-health");
        return properties;
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
