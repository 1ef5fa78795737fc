package io.configvault.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(StackExtension.class)
class LocalStackIT {

    private static final String TOPIC = "local-stack-it";
    private static final String BUCKET = "local-stack-it";

    private final LocalStack stack;

    LocalStackIT(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void sharesOneStackPerJvm(LocalStack parameter) {
        assertThat(parameter).isSameAs(stack);
        assertThat(stack.kafka().isRunning()).isTrue();
        assertThat(stack.s3().isRunning()).isTrue();
        assertThat(stack.kafkaProps()).containsEntry("bootstrap.servers",
                "127.0.0.1:" + stack.kafka().port());
    }

    @Test
    void producesAndConsumesARecord() throws Exception {
        stack.kafka().createTopics(1, TOPIC);
        stack.kafka().createTopics(1, TOPIC); // an existing topic is fine

        RecordMetadata written = produce(stack.kafkaProps(), TOPIC, "appliance-1", "snapshot-1");

        assertThat(written.topic()).isEqualTo(TOPIC);
        assertThat(consumeWithGroup(stack.kafkaProps(), TOPIC, "local-stack-it"))
                .containsExactly("appliance-1=snapshot-1");
    }

    @Test
    void storesListsAndDeletesObjects() {
        stack.s3().createBucket(BUCKET);
        stack.s3().createBucket(BUCKET); // an existing bucket is fine
        try (S3Client s3 = stack.s3Client()) {
            s3.putObject(put -> put.bucket(BUCKET).key("a/one"), RequestBody.fromString("first"));
            s3.putObject(put -> put.bucket(BUCKET).key("a/two").ifNoneMatch("*"),
                    RequestBody.fromString("second"));

            assertThat(read(s3, "a/one")).isEqualTo("first");
            assertThat(read(s3, "a/two")).isEqualTo("second");
            assertThat(keys(s3, "a/")).containsExactly("a/one", "a/two");

            s3.deleteObject(delete -> delete.bucket(BUCKET).key("a/one"));

            assertThat(keys(s3, "a/")).containsExactly("a/two");
            assertThatThrownBy(() -> read(s3, "a/one"))
                    .isInstanceOfSatisfying(NoSuchKeyException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void createOnlyPutOfAnExistingKeyIsRefused() {
        stack.s3().createBucket(BUCKET);
        try (S3Client s3 = stack.s3Client()) {
            s3.putObject(put -> put.bucket(BUCKET).key("create-only"), RequestBody.fromString("original"));

            assertThatThrownBy(() -> s3.putObject(
                            put -> put.bucket(BUCKET).key("create-only").ifNoneMatch("*"),
                            RequestBody.fromString("overwrite")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(412);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                    });
            assertThat(read(s3, "create-only")).isEqualTo("original");
        }
    }

    @Test
    void brokerKeepsRecordsAcrossStopAndRestart(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(1, "durable");
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            produce(props, "durable", "appliance-2", "before-restart");
            int port = broker.port();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.restart();

            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(consumeWithGroup(props, "durable", "after-restart"))
                    .containsExactly("appliance-2=before-restart");
        }
    }

    @Test
    void s3ServerKeepsObjectsAcrossKillAndRestart(@TempDir Path dir) {
        try (S3Server server = S3Server.start(dir.resolve("s3"), 0, "restart-key", "restart-secret");
                S3Client s3 = server.newClient()) {
            server.createBucket("durable");
            s3.putObject(put -> put.bucket("durable").key("kept"), RequestBody.fromString("survivor"));

            server.kill();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> s3.headBucket(head -> head.bucket("durable")))
                    .isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("Unable to execute HTTP request");
            server.restart();

            assertThat(s3.getObjectAsBytes(get -> get.bucket("durable").key("kept")).asUtf8String())
                    .isEqualTo("survivor");
        }
    }

    private static RecordMetadata produce(Properties base, String topic, String key, String value)
            throws Exception {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the topic from the start in a new consumer group until one record arrives. */
    private static List<String> consumeWithGroup(Properties base, String topic, String group) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.key() + "=" + record.value());
                }
                assertThat(received).isNotEmpty();
            });
        }
        return received;
    }

    private static String read(S3Client s3, String key) {
        return s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(key)).asUtf8String();
    }

    private static List<String> keys(S3Client s3, String prefix) {
        return s3.listObjectsV2(list -> list.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
