package io.configvault.capture.publish;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.KafkaProperties;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Builds the Kafka publisher; its settings are checked here, at startup. */
@Factory
public final class PublisherFactory {

    @Singleton
    @Bean(preDestroy = "close")
    SnapshotPublisher snapshotPublisher(KafkaProperties kafka, CaptureProperties capture) {
        Map<String, Object> settings = ProducerSettings.of(kafka,
                "configvault-capture-" + capture.applianceId());
        return new KafkaSnapshotPublisher(() -> new KafkaProducer<>(settings), kafka.topic());
    }
}
