package io.configvault.vault;

import static io.configvault.vault.testing.SnapshotPublisher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reassembly limits against the real broker: a snapshot whose segments stop arriving is
 * quarantined after {@code vault.ingest.reassembly-timeout} and the commit moves past it; a
 * snapshot of more segments than {@code vault.ingest.max-segments-per-snapshot} is quarantined
 * once; the ingest meters show it on {@code GET /prometheus}; the catalog records the partition's
 * position with each row.
 */
@ExtendWith(StackExtension.class)
class IngestLimitsIT {

    static final String GROUP = "vault-limits-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TOPIC = TestVault.topic(GROUP);
    static final String QUARANTINE = TestVault.quarantine(GROUP);

    @TempDir
    static Path dir;

    static LocalStack stack;
    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static Keys ingest;
    static Keys appliance;
    static String token;

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        TestVault settings = new TestVault(stack, dir, GROUP).withoutEscrow();
        ingest = settings.ingest;
        appliance = settings.nas1;
        settings.config.put("vault.ingest.reassembly-timeout", "PT2S");
        settings.config.put("vault.ingest.max-segments-per-snapshot", 40);
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        publisher = new SnapshotPublisher(stack, TOPIC);
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void stalledAndOversegmentedSnapshotsAreQuarantinedAndTheCommitMovesPastThem()
            throws Exception {
        TestSnapshots.Sealed stalled = seal("row ".repeat(1500));
        List<EncodedRecord> stalledRecords = stalled.records(1024);
        assertThat(stalledRecords).hasSizeGreaterThan(3);
        TestSnapshots.Sealed good = seal("row");
        TestSnapshots.Sealed many = seal("x".repeat(60 * 1024));
        List<EncodedRecord> manyRecords = many.records(1024);
        assertThat(manyRecords).hasSizeGreaterThan(40);

        publish(stalledRecords.subList(0, 2));
        long goodEnd = publish(good.records(4096));
        long end = publish(manyRecords);

        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == end);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> quarantined = quarantined();
        assertThat(quarantined.get(stalled.id().toString())).hasSize(1);
        assertThat(quarantined.get(many.id().toString()))
                .as("one record for the whole snapshot, not one per segment").hasSize(1);
        assertThat(quarantined).doesNotContainKey(good.id().toString());
        ConsumerRecord<byte[], byte[]> timedOut = quarantined.get(stalled.id().toString()).getFirst();
        assertThat(header(timedOut, "cv-quarantine-category")).isEqualTo("timeout");
        assertThat(header(timedOut, "cv-quarantine-reason")).isEqualTo("snapshot incomplete"
                + " after the reassembly timeout of 2 s: 2 of " + stalledRecords.size()
                + " segments arrived (setting vault.ingest.reassembly-timeout)");
        assertThat(header(timedOut, "cv-source-offset")).isEqualTo("0");
        ConsumerRecord<byte[], byte[]> tooMany = quarantined.get(many.id().toString()).getFirst();
        assertThat(header(tooMany, "cv-quarantine-category")).isEqualTo("limits");
        assertThat(header(tooMany, "cv-quarantine-reason")).isEqualTo("snapshot of "
                + manyRecords.size() + " segments exceeds the limit of 40 (setting"
                + " vault.ingest.max-segments-per-snapshot)");
        assertThat(list()).contains(good.id().toString());
        assertThat(consumedPosition()).as("recorded with the good snapshot's row, held at the"
                + " first segment of the snapshot then still open").isZero();
        assertThat(goodEnd).isPositive();

        TestSnapshots.Sealed next = seal("row");
        long nextEnd = publish(next.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() -> list().contains(next.id().toString()));
        assertThat(consumedPosition()).as("with nothing open").isEqualTo(nextEnd);
        await().atMost(Duration.ofSeconds(30)).until(() -> committed() == nextEnd);

        String metrics = get("/prometheus");
        assertThat(sample(metrics, "configvault_ingest_snapshots_stored_total", ""))
                .isEqualTo(2.0);
        assertThat(sample(metrics, "configvault_ingest_quarantined_total", "category=\"timeout\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "configvault_ingest_quarantined_total", "category=\"limits\""))
                .isEqualTo(1.0);
        assertThat(sample(metrics, "configvault_ingest_quarantined_total",
                "category=\"signature\"")).isZero();
        assertThat(sample(metrics, "configvault_ingest_snapshots_duplicate_total", ""))
                .isZero();
        assertThat(sample(metrics, "configvault_ingest_alarms_total",
                "alarm=\"existing-object-differs\"")).isZero();
        assertThat(sample(metrics, "configvault_ingest_partitions_paused", "")).isZero();
    }

    private static TestSnapshots.Sealed seal(String content) throws Exception {
        return TestSnapshots.seal(dir, "nas-1", "lab", Map.of("config.db", content),
                ingest.publicKey(), appliance.secret());
    }

    /** @return the offset after the last record published */
    private static long publish(List<EncodedRecord> records) throws Exception {
        return publisher.publish(records);
    }

    private static long committed() {
        Properties props = stack.kafkaProps();
        props.put("group.id", GROUP);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            OffsetAndMetadata offset = consumer.committed(Set.of(new TopicPartition(TOPIC, 0)))
                    .get(new TopicPartition(TOPIC, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static long consumedPosition() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("catalog.db"));
             Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT next_offset FROM consumed_positions"
                     + " WHERE topic = '" + TOPIC + "' AND partition = 0")) {
            assertThat(row.next()).as("a consumed position for " + TOPIC).isTrue();
            return row.getLong(1);
        }
    }

    /** The value of one sample of the Prometheus text format, by name and a label, if any. */
    static double sample(String metrics, String name, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + " "
                        + label + " in:\n" + metrics));
    }

    private static String list() throws Exception {
        return get("/api/v1/appliances/nas-1/snapshots");
    }

    private static String get(String path) throws Exception {
        return new String(VaultHttp.get(server, path, token).body(), StandardCharsets.UTF_8);
    }

    /**
     * Every quarantine record by the snapshot id it names, read to the topic's end. The vault
     * sends them before it commits past their events, so after the commit they are all there.
     */
    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> quarantined() {
        Properties props = stack.kafkaProps();
        props.put("group.id", "q-reader-" + UUID.randomUUID());
        TopicPartition partition = new TopicPartition(QUARANTINE, 0);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byId = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    byId.computeIfAbsent(String.valueOf(header(record, "cv-snapshot")),
                            id -> new ArrayList<>()).add(record);
                }
                return consumer.position(partition) >= end;
            });
        }
        return byId;
    }
}
