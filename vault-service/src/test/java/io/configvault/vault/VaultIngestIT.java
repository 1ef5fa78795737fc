package io.configvault.vault;

import static io.configvault.vault.testing.SnapshotPublisher.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.crypto.OpenPgpDecryptor;
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
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The vault against the real broker and the real S3 server. */
@ExtendWith(StackExtension.class)
class VaultIngestIT {

    static final String MARKER = "plaintext-marker-7f3a";
    static final String NAME = "vault-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String BUCKET = NAME;

    @TempDir
    static Path dir;

    static LocalStack stack;
    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static Keys ingest;
    static Keys storage;
    static Keys escrow;
    static Keys appliance;
    static Keys foreign = Keys.generate("mallory");
    static String token;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        TestVault settings = new TestVault(stack, dir, NAME);
        ingest = settings.ingest;
        storage = settings.storage;
        escrow = settings.escrow;
        appliance = settings.nas1;
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        publisher = new SnapshotPublisher(stack, TestVault.topic(NAME));
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
    void storesASnapshotAsCiphertextAndServesTheVerifiedBundleBack() throws Exception {
        TestSnapshots.Sealed sealed = seal(appliance);
        publish(sealed.records(4096));

        await().atMost(Duration.ofSeconds(30)).until(() -> list("nas-1").contains(sealed.id().toString()));

        HttpResponse<byte[]> content = get("/api/v1/snapshots/" + sealed.id() + "/content", token);
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(content.body()).isEqualTo(sealed.bundle());
        HttpResponse<byte[]> entry = get("/api/v1/snapshots/" + sealed.id() + "/entries/config.db", token);
        assertThat(new String(entry.body(), StandardCharsets.UTF_8)).isEqualTo("row " + MARKER);

        List<S3Object> objects = stack.s3Client().listObjectsV2(b -> b.bucket(BUCKET)).contents();
        S3Object object = objects.stream()
                .filter(o -> o.key().endsWith(sealed.id() + ".tar.pgp")).findFirst().orElseThrow();
        assertThat(object.key()).isEqualTo("snapshots/lab/nas-1/" + sealed.id() + ".tar.pgp");
        byte[] stored = stack.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(object.key()))
                .asByteArray();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
        ByteArrayOutputStream recovered = new ByteArrayOutputStream();
        OpenPgpDecryptor.decrypt(new java.io.ByteArrayInputStream(stored), recovered,
                List.of(escrow.secret()), storage.publicKey(), new OpenPgpDecryptor.Limits(1 << 24, 16));
        assertThat(recovered.toByteArray()).isEqualTo(sealed.bundle());
    }

    @Test
    void quarantinesBadEventsWithTheReasonAndCarriesOn() throws Exception {
        TestSnapshots.Sealed forged = seal(foreign);
        TestSnapshots.Sealed gapped = seal(appliance);
        TestSnapshots.Sealed good = seal(appliance);
        publish(forged.records(4096));
        List<EncodedRecord> gappedRecords = gapped.records(1024);
        assertThat(gappedRecords).hasSizeGreaterThan(2);
        publish(List.of(gappedRecords.get(0), gappedRecords.get(2)));
        publish(List.of(new EncodedRecord("nas-1".getBytes(), List.of(), MARKER.getBytes())));
        publish(good.records(4096));

        await().atMost(Duration.ofSeconds(30)).until(() -> list("nas-1").contains(good.id().toString()));

        String listing = list("nas-1");
        assertThat(listing).doesNotContain(forged.id().toString()).doesNotContain(gapped.id().toString());
        List<ConsumerRecord<byte[], byte[]>> quarantined = quarantined(
                forged.id().toString(), gapped.id().toString(), null);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : quarantined) {
            assertThat(record.value()).isEmpty();
            record.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.UTF_8))
                    .doesNotContain(MARKER));
            String snapshot = header(record, "cv-snapshot");
            reasons.put(snapshot == null ? "none" : snapshot, header(record, "cv-quarantine-reason"));
        }
        assertThat(reasons.get(forged.id().toString())).containsIgnoringCase("sign");
        assertThat(reasons.get(gapped.id().toString())).contains("segment 2 arrived where segment 1");
        assertThat(reasons.get("none")).startsWith("Malformed snapshot event");
    }

    @Test
    void aHeartbeatRecordsLastSeenStoresNothingAndAForeignOneIsQuarantined() throws Exception {
        TestSnapshots.Sealed snapshot = seal(appliance);
        publish(snapshot.records(4096));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> list("nas-1").contains(snapshot.id().toString()));
        Set<String> objectsBefore = objectKeys();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestSnapshots.SealedHeartbeat heartbeat = TestSnapshots.seal(
                TestSnapshots.heartbeat("nas-1", "lab", at, snapshot.id()), ingest.publicKey(),
                appliance.secret());
        TestSnapshots.SealedHeartbeat forged = TestSnapshots.seal(
                TestSnapshots.heartbeat("nas-1", "lab", at.plusSeconds(1), snapshot.id()),
                ingest.publicKey(), foreign.secret());

        publish(List.of(forged.record(), heartbeat.record()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> response = get("/api/v1/appliances/nas-1", token);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("lastSeenAt").asText()).isEqualTo(at.toString());
            assertThat(body.get("lastSnapshotId").asText()).isEqualTo(snapshot.id().toString());
            assertThat(body.get("id").asText()).isEqualTo("nas-1");
            assertThat(body.get("fleet").asText()).isEqualTo("lab");
            assertThat(body.get("fingerprint").asText())
                    .isEqualTo(appliance.publicKey().fingerprint());
            assertThat(Instant.parse(body.get("enrolledAt").asText())).isBefore(at);
        });
        assertThat(objectKeys()).as("a heartbeat stores no object").isEqualTo(objectsBefore);
        assertThat(list("nas-1")).doesNotContain(heartbeat.heartbeat().heartbeatId().toString());
        ConsumerRecord<byte[], byte[]> quarantinedForgery = quarantined(
                forged.heartbeat().heartbeatId().toString()).stream()
                .filter(r -> forged.heartbeat().heartbeatId().toString()
                        .equals(header(r, "cv-snapshot"))).findFirst().orElseThrow();
        assertThat(quarantinedForgery.value()).isEmpty();
        assertThat(header(quarantinedForgery, "cv-quarantine-reason")).containsIgnoringCase("sign");
        assertThat(header(quarantinedForgery, "cv-appliance")).isEqualTo("nas-1");

        HttpResponse<byte[]> unknown = get("/api/v1/appliances/nas-404", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(get("/api/v1/appliances/nas-1", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/appliances/NAS..1", token).statusCode()).isEqualTo(400);
    }

    @Test
    void apiAnswersProblemsForMissingTokensUnknownAndInvalidIds() throws Exception {
        HttpResponse<byte[]> noToken = get("/api/v1/appliances/nas-1/snapshots", null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/appliances/nas-1/snapshots", "wrong-token-wrong-token").statusCode())
                .isEqualTo(401);

        HttpResponse<byte[]> unknown = get("/api/v1/snapshots/01936f4e-8a00-7abc-8def-0123456789ab/content", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(get("/api/v1/snapshots/..%2f..%2fetc/content", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/appliances/nas-404/snapshots", token).statusCode()).isEqualTo(404);
        assertThat(new String(get("/api/v1/appliances/nas-2/snapshots", token).body(),
                StandardCharsets.UTF_8)).isEqualTo("{\"items\":[],\"next\":null}");
    }

    private static TestSnapshots.Sealed seal(Keys signer) throws Exception {
        return TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "row " + MARKER, "app.conf", "x=1\n".repeat(2000)),
                ingest.publicKey(), signer.secret());
    }

    private static void publish(List<EncodedRecord> records) throws Exception {
        publisher.publish(records);
    }

    private static Set<String> objectKeys() {
        Set<String> keys = new HashSet<>();
        stack.s3Client().listObjectsV2(b -> b.bucket(BUCKET)).contents()
                .forEach(o -> keys.add(o.key()));
        return keys;
    }

    private static String list(String appliance) throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/appliances/" + appliance + "/snapshots", token);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path, String bearer) throws Exception {
        return VaultHttp.get(server, path, bearer);
    }

    /** Quarantine records read from the start until one names each id (null: no id). */
    private static List<ConsumerRecord<byte[], byte[]>> quarantined(String... snapshotIds) {
        Properties props = stack.kafkaProps();
        props.put("group.id", "q-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TestVault.quarantine(NAME)));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                Set<String> named = new HashSet<>();
                records.forEach(r -> named.add(String.valueOf(header(r, "cv-snapshot"))));
                return Arrays.stream(snapshotIds).map(String::valueOf).allMatch(named::contains);
            });
        }
        return records;
    }
}
