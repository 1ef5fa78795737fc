package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.SqliteSnapshots;
import io.configvault.vault.testing.SqliteSnapshots.Db;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Restore drills against the real broker and the real S3 server (QUALITY 19, 20, 24): objects
 * are altered through the S3 API, behind the vault's back. The sampler runs every second at a
 * rate that makes its detection window 100 / 360000 days = 24 s (plus one interval).
 */
@ExtendWith(StackExtension.class)
class VaultVerifyIT {

    static final String MARKER = "plaintext-marker-91be";
    static final String BUCKET = "vault-verify-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final Pattern COUNTER = Pattern.compile(
            "^configvault_vault_verifications_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    static final Pattern FAILING = Pattern.compile(
            "^configvault_vault_snapshots_failing_verification(?:\\{[^}]*})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    static Path dir;

    static LocalStack stack;
    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static TestVault settings;
    static String token;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        settings = new TestVault(stack, dir, BUCKET).withoutEscrow();
        settings.config.put("vault.verify.interval", "PT1S");
        settings.config.put("vault.verify.daily-percent", "360000");
        ((Logger) org.slf4j.LoggerFactory.getLogger("io.configvault.vault")).addAppender(logs);
        logs.start();
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        publisher = new SnapshotPublisher(stack, TestVault.topic(BUCKET));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
        ((Logger) org.slf4j.LoggerFactory.getLogger("io.configvault.vault")).detachAppender(logs);
    }

    @Test
    void theVerifyEndpointAnswersOkWithEvidenceAndTheSnapshotShowsIt() throws Exception {
        SnapshotId id = storeSnapshot("nas-1");

        HttpResponse<byte[]> response = post("/api/v1/snapshots/" + id + "/verify", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("snapshotId").asText()).isEqualTo(id.toString());
        assertThat(body.get("outcome").asText()).isEqualTo("ok");
        assertThat(body.get("trigger").asText()).isEqualTo("api");
        assertThat(Instant.parse(body.get("verifiedAt").asText())).isBefore(Instant.now());
        assertThat(body.get("evidence").asText()).contains("storage-key signature valid")
                .contains("2 entries").containsPattern("SQLite config\\.db \\(\\d+ bytes\\):"
                        + " integrity_check ok");
        assertNoSecrets(response);

        JsonNode shown = JSON.readTree(get("/api/v1/snapshots/" + id, token).body());
        assertThat(shown.get("lastVerification").get("outcome").asText()).isEqualTo("ok");
        assertThat(shown.get("lastVerification").get("verifiedAt").asText()).isNotBlank();
        JsonNode listed = JSON.readTree(get("/api/v1/appliances/nas-1/snapshots", token).body());
        assertThat(listed.get("items").findValues("lastVerification")).isNotEmpty();
        HttpResponse<byte[]> latest = get("/api/v1/snapshots/" + id + "/verification", token);
        assertThat(JSON.readTree(latest.body()).get("evidence").asText()).contains("SQLite");

        assertThat(post("/api/v1/snapshots/" + id + "/verify", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/snapshots/not-an-id/verify", token).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknown = post("/api/v1/snapshots/"
                + SnapshotId.mint(Clock.systemUTC()) + "/verify", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
    }

    /** QUALITY 19. */
    @Test
    void aByteFlippedThroughTheS3ApiFailsVerifyAndDownloadClosed() throws Exception {
        SnapshotId id = storeSnapshot("nas-1");
        double failedBefore = counter("failed", "api");
        flipByte(key("nas-1", id));

        HttpResponse<byte[]> response = post("/api/v1/snapshots/" + id + "/verify", token);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("outcome").asText()).isEqualTo("failed");
        // The object's SHA-256 is checked against the catalog before anything is decrypted.
        assertThat(body.get("evidence").asText())
                .isEqualTo("integrity check failed: object digest differs from the catalog");
        assertNoSecrets(response);
        HttpResponse<byte[]> content = get("/api/v1/snapshots/" + id + "/content", token);
        assertThat(content.statusCode()).isEqualTo(500);
        assertThat(content.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertNoSecrets(content);
        HttpResponse<byte[]> entry = get("/api/v1/snapshots/" + id + "/entries/config.db", token);
        assertThat(entry.statusCode()).isEqualTo(500);
        assertNoSecrets(entry);
        assertThat(counter("failed", "api")).isEqualTo(failedBefore + 1);
        assertThat(failingGauge()).isGreaterThanOrEqualTo(1);
        assertThat(JSON.readTree(get("/api/v1/snapshots/" + id, token).body())
                .get("lastVerification").get("outcome").asText()).isEqualTo("failed");
    }

    /** QUALITY 20. */
    @Test
    void twoObjectsSwappedThroughTheS3ApiAreBothDetected() throws Exception {
        SnapshotId a = storeSnapshot("nas-1");
        SnapshotId b = storeSnapshot("nas-1");
        ResponseBytes<GetObjectResponse> objectA = read(key("nas-1", a));
        ResponseBytes<GetObjectResponse> objectB = read(key("nas-1", b));
        write(key("nas-1", a), objectB.asByteArray(), objectA.response());
        write(key("nas-1", b), objectA.asByteArray(), objectB.response());

        for (SnapshotId id : List.of(a, b)) {
            HttpResponse<byte[]> response = post("/api/v1/snapshots/" + id + "/verify", token);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("outcome").asText()).as("%s", id).isEqualTo("failed");
            assertThat(body.get("evidence").asText())
                    .isEqualTo("integrity check failed: object digest differs from the catalog");
            assertThat(get("/api/v1/snapshots/" + id + "/content", token).statusCode())
                    .isEqualTo(500);
        }
    }

    /** QUALITY 24: nobody asks; the sampler finds it within its window. */
    @Test
    void theSamplerFindsACorruptionInjectedThroughTheS3Api() throws Exception {
        SnapshotId victim = storeSnapshot("nas-2");
        storeSnapshot("nas-2");
        double failedBefore = counter("failed", "sampler");
        flipByte(key("nas-2", victim));
        Instant injected = Instant.now();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    HttpResponse<byte[]> latest = get("/api/v1/snapshots/" + victim
                            + "/verification", token);
                    assertThat(latest.statusCode()).isEqualTo(200);
                    JsonNode body = JSON.readTree(latest.body());
                    assertThat(body.get("outcome").asText()).isEqualTo("failed");
                    assertThat(body.get("trigger").asText()).isEqualTo("sampler");
                    assertThat(Instant.parse(body.get("verifiedAt").asText()))
                            .isAfterOrEqualTo(injected.minusSeconds(1));
                });

        assertThat(counter("failed", "sampler")).isGreaterThan(failedBefore);
        assertThat(failingGauge()).isGreaterThanOrEqualTo(1);
        assertThat(logs.list).map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("ALARM: ")
                        .contains("snapshot " + victim + " of appliance nas-2 failed"
                                + " verification: "))
                .allSatisfy(line -> assertThat(line).doesNotContain(MARKER));
    }

    @Test
    void prometheusShowsEveryMetricTheDocsListOnceASnapshotIsStored() throws Exception {
        storeSnapshot("nas-2");
        String doc = Files.readString(Path.of("../docs/vault-service.md"));
        String table = doc.substring(doc.indexOf("## Metrics"), doc.indexOf("## Logs"));
        List<String> documented = Pattern.compile("^\\| `(configvault_[a-z0-9_]+)`",
                Pattern.MULTILINE).matcher(table).results().map(m -> m.group(1)).toList();
        assertThat(documented).contains("configvault_ingest_consumer_lag",
                "configvault_ingest_latency_seconds", "configvault_s3_errors_total");

        String scrape = prometheus();

        assertThat(documented).allSatisfy(name -> assertThat(scrape)
                .as("documented metric %s on /prometheus", name)
                .containsPattern("(?m)^" + name + "(_bucket|_count|_sum|_max)?[{ ]"));
        assertThat(scrape).containsPattern(
                "(?m)^configvault_ingest_latency_seconds_count\\{since=\"capture\"} [1-9]");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("(?m)^configvault_ingest_consumer_lag\\{partition=\"0\"} 0"));
    }

    private static SnapshotId storeSnapshot(String applianceId) throws Exception {
        TestSnapshots.Sealed sealed = SqliteSnapshots.seal(dir, applianceId, "lab",
                SnapshotId.mint(Clock.systemUTC()), Db.SOUND, MARKER,
                settings.ingest.publicKey(),
                (applianceId.equals("nas-1") ? settings.nas1 : settings.nas2).secret());
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() -> new String(
                get("/api/v1/snapshots/" + sealed.id(), token).body(), StandardCharsets.UTF_8)
                .contains("\"id\":\"" + sealed.id() + "\""));
        return sealed.id();
    }

    private static String key(String applianceId, SnapshotId id) {
        return "snapshots/lab/" + applianceId + "/" + id + ".tar.pgp";
    }

    private static ResponseBytes<GetObjectResponse> read(String key) {
        return stack.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
    }

    /** Replaces an object's bytes, keeping the metadata {@code like} carries. */
    private static void write(String key, byte[] bytes, GetObjectResponse like) {
        stack.s3Client().putObject(b -> b.bucket(BUCKET).key(key).metadata(like.metadata())
                .contentType(like.contentType()), RequestBody.fromBytes(bytes));
    }

    private static void flipByte(String key) {
        ResponseBytes<GetObjectResponse> object = read(key);
        byte[] bytes = object.asByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        write(key, bytes, object.response());
    }

    private static void assertNoSecrets(HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(MARKER).doesNotContain("snapshots/lab/")
                .doesNotContain("BEGIN PGP");
    }

    private static double counter(String outcome, String trigger) throws Exception {
        Matcher m = COUNTER.matcher(prometheus());
        while (m.find()) {
            if (m.group(1).contains("outcome=\"" + outcome + "\"")
                    && m.group(1).contains("trigger=\"" + trigger + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no verification counter for " + outcome + "/" + trigger);
    }

    private static double failingGauge() throws Exception {
        Matcher m = FAILING.matcher(prometheus());
        assertThat(m.find()).as("failing-verification gauge exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String prometheus() throws Exception {
        return new String(get("/prometheus", null).body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path, String bearer) throws Exception {
        return VaultHttp.get(server, path, bearer);
    }

    private static HttpResponse<byte[]> post(String path, String bearer) throws Exception {
        return VaultHttp.post(server, path, bearer);
    }
}
