package io.configvault.vault.ingest;

import io.configvault.vault.config.KafkaSettings;
import io.configvault.vault.requests.CommandPublisher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Wires the command publisher: snapshot requests go to {@code vault.kafka.command-topic}. */
@Factory
final class CommandFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KafkaCommandPublisher commandPublisher(KafkaSettings kafka) {
        return new KafkaCommandPublisher(() -> new KafkaProducer<>(properties(kafka)),
                kafka.commandTopic());
    }

    private static Properties properties(KafkaSettings kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "configvault-vault-commands");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
