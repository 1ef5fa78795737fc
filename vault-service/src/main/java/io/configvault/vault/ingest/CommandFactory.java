package io.configvault.vault.ingest;

import io.configvault.vault.kafka.KafkaClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Wires the command publisher: snapshot requests go to {@code vault.kafka.command-topic}. */
@Factory
final class CommandFactory {

    @Singleton
    @Bean(preDestroy = "close")
    KafkaCommandPublisher commandPublisher(KafkaClients clients) {
        return new KafkaCommandPublisher(() -> new KafkaProducer<>(clients.commandProducer()),
                clients.settings().commandTopic());
    }
}
