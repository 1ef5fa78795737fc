package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The vault killed with SIGKILL at the two points of its write ordering where a crash could
 * duplicate or lose a snapshot (QUALITY scenarios 9 and 10), held there by the vault's test-only
 * fault points ({@code -Dconfigvault.fault.hold-at}), then started again without them. Each ends
 * with the invariant of QUALITY.md: every snapshot the agent recorded is stored exactly once (one
 * object, one catalog row) and verifies.
 */
class VaultCrashIT {

    static final TopicPartition SNAPSHOTS = new TopicPartition(FleetFixture.TOPIC, 0);
    /** The vault's default consumer group; the fixture does not change it. */
    static final String GROUP = "configvault-vault";

    @TempDir
    static Path dir;

    static FleetFixture fleet;

    @RegisterExtension
    static final VaultLogOnFailure VAULT_LOG = new VaultLogOnFailure(() -> fleet);

    @BeforeAll
    static void start() throws Exception {
        fleet = new FleetFixture(dir, List.of("nas-put", "nas-row"));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void killedAfterThePutAndBeforeTheRowTheRestartedVaultRecordsTheObjectAlreadyThere()
            throws Exception {
        Path marker = dir.resolve("after-put.reached");
        fleet.restartVault(faultAt("after-put", marker));
        FleetFixture.Agent agent = fleet.startAgent("nas-put", database("nas-put"), List.of());
        try {
            String id = agent.snapshot("killed after the put");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(marker));
            HeadObjectResponse before = head("nas-put", id);
            assertThat(listed("nas-put")).as("no catalog row yet").isEmpty();

            fleet.killVault();
            long restartedAt = Files.size(fleet.vaultLog());
            fleet.restartVault(List.of());

            await().atMost(Duration.ofSeconds(180)).until(() -> listed("nas-put").size() == 1);
            assertThat(logSince(restartedAt)).contains("snapshot " + id + " of appliance nas-put"
                    + " was already in the bucket (an earlier attempt stored it); its content"
                    + " verifies, recording its row from its metadata");
            HeadObjectResponse after = head("nas-put", id);
            assertThat(after.eTag()).as("not uploaded again").isEqualTo(before.eTag());
            assertThat(after.lastModified()).isEqualTo(before.lastModified());
            String metrics = metrics();
            assertThat(sample(metrics, "configvault_ingest_snapshots_stored_total", ""))
                    .isEqualTo(1.0);
            assertThat(sample(metrics, "configvault_ingest_alarms_total",
                    "alarm=\"existing-object-differs\"")).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> committed() == end());
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.outboxDepth() == 0);
            assertStoredOnceAndVerifies("nas-put", List.of(id));
        } finally {
            agent.stop();
        }
    }

    @Test
    void killedAfterTheRowAndBeforeTheCommitTheRestartedVaultDoesNotReadItAgain()
            throws Exception {
        Path marker = dir.resolve("after-row.reached");
        fleet.restartVault(faultAt("after-row", marker));
        FleetFixture.Agent agent = fleet.startAgent("nas-row", database("nas-row"), List.of());
        try {
            String id = agent.snapshot("killed after the row");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(marker));
            assertThat(listed("nas-row")).as("the row is committed")
                    .extracting(item -> item.get("id").asText()).containsExactly(id);
            long position = end();
            assertThat(committed()).as("the offset is not committed").isLessThan(position);
            HeadObjectResponse before = head("nas-row", id);

            fleet.killVault();
            long restartedAt = Files.size(fleet.vaultLog());
            fleet.restartVault(List.of());

            await().atMost(Duration.ofSeconds(180)).until(() -> committed() >= position);
            String log = logSince(restartedAt);
            assertThat(log).contains("Starting " + SNAPSHOTS + " at offset " + position
                    + ", recorded in the catalog with the last stored snapshot");
            assertThat(log).doesNotContain("Stored snapshot " + id)
                    .doesNotContain("snapshot " + id + " of appliance nas-row is already stored")
                    .doesNotContain("snapshot " + id + " of appliance nas-row was already in");
            String metrics = metrics();
            assertThat(sample(metrics, "configvault_ingest_snapshots_stored_total", ""))
                    .isZero();
            assertThat(sample(metrics, "configvault_ingest_snapshots_duplicate_total", ""))
                    .as("not even redelivered").isZero();
            HeadObjectResponse after = head("nas-row", id);
            assertThat(after.eTag()).isEqualTo(before.eTag());
            assertThat(after.lastModified()).isEqualTo(before.lastModified());
            await().atMost(Duration.ofSeconds(60)).until(() -> agent.outboxDepth() == 0);
            assertStoredOnceAndVerifies("nas-row", List.of(id));
        } finally {
            agent.stop();
        }
    }

    /**
     * The fault point's properties, and the broker's shortest session (6 s) so that the killed
     * vault's partition moves to its restart quickly (Kafka's default would wait 45 s).
     */
    private static List<String> faultAt(String point, Path marker) {
        return List.of("-Dconfigvault.fault.hold-at=" + point,
                "-Dconfigvault.fault.marker=" + marker, "-Dvault.kafka.session-timeout=6s");
    }

    /** One object per snapshot in the bucket, one row in the catalog, and it verifies. */
    private static void assertStoredOnceAndVerifies(String appliance, List<String> ids)
            throws Exception {
        List<String> keys = fleet.stack().s3Client()
                .listObjectsV2(b -> b.bucket(FleetFixture.BUCKET)
                        .prefix("snapshots/lab/" + appliance + "/"))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).as("one object per snapshot").containsExactlyInAnyOrderElementsOf(
                ids.stream().map(id -> key(appliance, id)).toList());
        List<JsonNode> listed = listed(appliance);
        assertThat(listed).as("one row per snapshot").extracting(item -> item.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        for (JsonNode item : listed) {
            var content = fleet.vaultBytes("/api/v1/snapshots/" + item.get("id").asText()
                    + "/content");
            assertThat(content.statusCode()).as("download of %s", item.get("id")).isEqualTo(200);
            assertThat(Sha256.of(content.body())).isEqualTo(item.get("sha256").asText());
        }
    }

    private static List<JsonNode> listed(String appliance) throws Exception {
        var response = fleet.vault("/api/v1/appliances/" + appliance + "/snapshots?limit=1000");
        if (response.statusCode() != 200) {
            return List.of();
        }
        return Json.items(response.body());
    }

    private static String key(String appliance, String id) {
        return "snapshots/lab/" + appliance + "/" + id + ".tar.pgp";
    }

    private static HeadObjectResponse head(String appliance, String id) {
        return fleet.stack().s3Client().headObject(b -> b.bucket(FleetFixture.BUCKET)
                .key(key(appliance, id)));
    }

    private static String metrics() throws Exception {
        var response = fleet.vault("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** One sample of the Prometheus text format, by name and a label. */
    private static double sample(String metrics, String name, String label) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .filter(line -> line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name));
    }

    private static String logSince(long offset) throws IOException {
        try (InputStream in = Files.newInputStream(fleet.vaultLog())) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long committed() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(GROUP)) {
            OffsetAndMetadata offset = consumer.committed(Set.of(SNAPSHOTS)).get(SNAPSHOTS);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static long end() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("end-" + UUID.randomUUID())) {
            return consumer.endOffsets(Set.of(SNAPSHOTS)).get(SNAPSHOTS);
        }
    }

    /** A consumer that never subscribes, so it never joins (or disturbs) the group. */
    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        Properties props = new Properties();
        props.put("bootstrap.servers", fleet.stack().kafka().bootstrapServers());
        props.put("group.id", group);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Path database(String appliance) throws Exception {
        Path file = dir.resolve(appliance + ".db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)");
            sql.execute("INSERT INTO settings VALUES ('hostname', '" + appliance + "')");
        }
        return file;
    }
}
