package io.configvault.vault.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.Header;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * QUALITY.md scenario 18 against the real broker and S3 server: the vault stores snapshots (one
 * large enough to go up in parts, all under a key prefix), its catalog file is deleted, and
 * rebuild-catalog restores identical rows, which the vault then serves again.
 */
@ExtendWith(StackExtension.class)
class RebuildCatalogIT {

    static final String NAME = "rebuild-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "vault-a/";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aDeletedCatalogIsRebuiltWithIdenticalRowsFromTheBucket(LocalStack stack)
            throws Exception {
        TestVault vault = new TestVault(stack, dir, NAME);
        vault.config.put("vault.s3.prefix", PREFIX);
        vault.config.put("vault.s3.multipart-threshold", 5L << 20);
        vault.config.put("vault.s3.multipart-part-size", 5L << 20);
        List<TestSnapshots.Sealed> sealed = new ArrayList<>();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, vault.config);
             KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            for (int i = 0; i < 4; i++) {
                TestSnapshots.Keys signer = i % 2 == 0 ? vault.nas1 : vault.nas2;
                String appliance = i % 2 == 0 ? "nas-1" : "nas-2";
                sealed.add(seal(vault, appliance, signer, "x=" + i + "\n"));
            }
            sealed.add(seal(vault, "nas-1", vault.nas1, "y".repeat(6 << 20)));
            for (TestSnapshots.Sealed snapshot : sealed) {
                publish(producer, snapshot.records(512 * 1024));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(vault.catalog()).size() == 5);
        }
        List<Map<String, Object>> before = rows(vault.catalog());
        assertThat(before).extracting(row -> row.get("object_key"))
                .allSatisfy(key -> assertThat((String) key).startsWith("snapshots/lab/nas-"));
        try (S3Client raw = stack.s3Client()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(NAME)).contents())
                    .extracting(o -> o.key()).hasSize(5)
                    .allSatisfy(key -> assertThat(key).startsWith(PREFIX + "snapshots/lab/"));
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(vault.catalog() + suffix));
        }

        RebuildExitCode exit = RebuildCatalogCommand.run(List.of(), vault.config, print(out),
                print(err));

        assertThat(exit).as(text(err)).isEqualTo(RebuildExitCode.OK);
        assertThat(text(out)).contains("Rebuilding catalog " + vault.catalog() + " from bucket '"
                        + NAME + "', objects under 'vault-a/snapshots/'")
                .contains("Rebuilt 5 snapshot rows from 5 objects into " + vault.catalog() + ".")
                .contains("appliances enrolled with a token must be enrolled again");
        assertThat(rows(vault.catalog())).isEqualTo(before);

        assertThat(RebuildCatalogCommand.run(List.of(), vault.config, print(out), print(err)))
                .as("a second run never merges").isEqualTo(RebuildExitCode.REFUSED);
        assertThat(rows(vault.catalog())).isEqualTo(before);

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, vault.config)) {
            TestSnapshots.Sealed large = sealed.getLast();
            HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(
                            server.getURL() + "/api/v1/snapshots/" + large.id() + "/content"))
                    .header("Authorization", "Bearer " + vault.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).isEqualTo(large.bundle());
        }
    }

    @Test
    void objectsWithoutReadableMetadataAreReportedSkippedAndTheRestRebuilt(LocalStack stack)
            throws Exception {
        String name = NAME + "-junk";
        TestVault vault = new TestVault(stack, dir, name);
        TestSnapshots.Sealed good = seal(vault, "nas-1", vault.nas1, "z=1\n");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, vault.config);
             KafkaProducer<byte[], byte[]> producer = producer(stack)) {
            publish(producer, good.records(4096), TestVault.topic(name));
            await().atMost(Duration.ofSeconds(30)).until(() -> rows(vault.catalog()).size() == 1);
        }
        try (S3Client raw = stack.s3Client()) {
            raw.putObject(b -> b.bucket(name).key("snapshots/lab/nas-1/junk.tar.pgp")
                    .metadata(Map.of("cv-format", "1")), RequestBody.fromString("junk"));
        }
        Path rebuilt = dir.resolve("rebuilt.db");

        RebuildExitCode exit = RebuildCatalogCommand.run(List.of("--into", rebuilt.toString()),
                vault.config, print(out), print(err));

        assertThat(exit).isEqualTo(RebuildExitCode.SKIPPED);
        assertThat(text(out)).contains("Skipped snapshots/lab/nas-1/junk.tar.pgp: object"
                + " snapshots/lab/nas-1/junk.tar.pgp has malformed metadata: cv-snapshot is"
                + " missing").contains("Rebuilt 1 snapshot rows from 2 objects into " + rebuilt);
        assertThat(text(err)).contains("Cannot rebuild catalog " + rebuilt + " completely:"
                + " skipped 1 of 2 objects (listed above); their snapshots have no row");
        assertThat(rows(rebuilt)).isEqualTo(rows(vault.catalog()));
    }

    private static TestSnapshots.Sealed seal(TestVault vault, String appliance,
                                             TestSnapshots.Keys signer, String content)
            throws Exception {
        return TestSnapshots.seal(vault.dir, appliance, "lab", Map.of("app.conf", content),
                vault.ingest.publicKey(), signer.secret());
    }

    /** Every snapshot row, every column, by SQL. */
    private static List<Map<String, Object>> rows(Path catalog) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.exists(catalog)) {
            return rows;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + catalog);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT * FROM snapshots ORDER BY id")) {
            while (row.next()) {
                Map<String, Object> columns = new LinkedHashMap<>();
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    columns.put(row.getMetaData().getColumnName(c), row.getObject(c));
                }
                rows.add(columns);
            }
        }
        return rows;
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalStack stack) {
        var props = stack.kafkaProps();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("max.request.size", 2 << 20);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer,
                                List<EncodedRecord> records) throws Exception {
        publish(producer, records, TestVault.topic(NAME));
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer,
                                List<EncodedRecord> records, String topic) throws Exception {
        for (EncodedRecord record : records) {
            List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
            for (Header h : record.headers()) {
                headers.add(new RecordHeader(h.name(), h.value()));
            }
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                    headers)).get();
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
