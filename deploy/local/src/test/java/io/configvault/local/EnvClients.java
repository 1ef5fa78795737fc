package io.configvault.local;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Clients built only from what {@code stack.env} says, as a script of an operator would. */
final class EnvClients {

    private EnvClients() {
    }

    static S3Client s3(Map<String, String> env) {
        return S3Client.builder().endpointOverride(URI.create(env.get("S3_ENDPOINT")))
                .region(Region.of(env.get("AWS_REGION"))).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
                .build();
    }

    /** Every record currently on {@code topic}, read from the beginning. */
    static List<ConsumerRecord<byte[], byte[]>> all(Map<String, String> env, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP"));
        props.put("group.id", "quickstart-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3 || consumer.assignment().isEmpty()) {
                var batch = consumer.poll(Duration.ofMillis(1000));
                emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
                batch.forEach(records::add);
                if (emptyPolls > 20) {
                    break;
                }
            }
        }
        return records;
    }

    static List<byte[]> allValues(Map<String, String> env, String topic) {
        return all(env, topic).stream().map(ConsumerRecord::value).toList();
    }

    /** Quarantine reasons by snapshot id. */
    static Map<String, String> quarantineReasons(Map<String, String> env) {
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : all(env, env.get("QUARANTINE_TOPIC"))) {
            var snapshot = record.headers().lastHeader("cv-snapshot");
            var reason = record.headers().lastHeader("cv-quarantine-reason");
            if (snapshot != null && reason != null) {
                reasons.put(new String(snapshot.value(), StandardCharsets.UTF_8),
                        new String(reason.value(), StandardCharsets.UTF_8));
            }
        }
        return reasons;
    }
}
