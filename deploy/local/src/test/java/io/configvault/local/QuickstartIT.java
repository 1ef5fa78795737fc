package io.configvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The quickstart itself, end to end: {@code deploy/local/run} with a real broker, a real S3
 * server, both services and the demo appliance; then what the README promises an operator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickstartIT {

    @TempDir
    static Path home;

    static QuickstartProcess quickstart;
    static Duration startup;
    static Map<String, String> env;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String changeSnapshotId;

    @BeforeAll
    static void start() throws Exception {
        quickstart = new QuickstartProcess(home);
        startup = quickstart.start();
        env = quickstart.env();
        token = Files.readString(Path.of(env.get("ADMIN_TOKEN_FILE"))).strip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    @Order(1)
    void startsWithin90SecondsAndDescribesItself() throws Exception {
        assertThat(startup).isLessThan(Duration.ofSeconds(90));
        assertThat(env).containsKeys("VAULT_URL", "AGENT_URL", "KAFKA_BOOTSTRAP", "SNAPSHOT_TOPIC",
                "S3_ENDPOINT", "S3_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_REGION", "ADMIN_TOKEN_FILE", "DEMO_APPLIANCE_ID", "DEMO_CONFIG_DB",
                "ESCROW_SECRET_KEY", "ESCROW_PASSPHRASE_FILE", "STORAGE_PUBLIC_KEY");
        assertThat(quickstart.output()).contains("/api/v1/appliances/$DEMO_APPLIANCE_ID/snapshots")
                .doesNotContain(token);
        assertThat(Files.readString(Path.of(env.get("ESCROW_SECRET_KEY"))))
                .startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    @Order(2)
    void aChangeToTheLiveDatabaseIsVaultedWithinTenSecondsAndDownloadsIdentical() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + env.get("DEMO_CONFIG_DB"));
             Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE system_settings SET value = 'demo-nas-renamed'"
                    + " WHERE key = 'hostname'");
        }
        long changedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> latestWithTrigger("CHANGE") != null);
        changeSnapshotId = latestWithTrigger("CHANGE");
        System.out.printf("change -> listed: %d ms%n", (System.nanoTime() - changedAt) / 1_000_000);

        HttpResponse<byte[]> entry = get("/api/v1/snapshots/" + changeSnapshotId
                + "/entries/config.db");
        assertThat(entry.statusCode()).isEqualTo(200);
        Path downloaded = home.resolve("downloaded.db");
        Files.write(downloaded, entry.body());
        assertThat(SqliteDump.of(downloaded))
                .isEqualTo(SqliteDump.of(Path.of(env.get("DEMO_CONFIG_DB"))))
                .contains("demo-nas-renamed");
    }

    @Test
    @Order(3)
    void theStoredObjectIsCiphertextThatTheEscrowKeyRecoversWithStockGpg() throws Exception {
        String secret = SqliteDump.secretValue(Path.of(env.get("DEMO_CONFIG_DB")));
        byte[] object;
        try (S3Client s3 = EnvClients.s3(env)) {
            String key = s3.listObjectsV2(b -> b.bucket(env.get("S3_BUCKET"))).contents().stream()
                    .map(o -> o.key()).filter(k -> k.contains(changeSnapshotId)).findFirst()
                    .orElseThrow();
            object = s3.getObjectAsBytes(b -> b.bucket(env.get("S3_BUCKET")).key(key)).asByteArray();
        }
        assertThat(new String(object, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                .doesNotContain("demo-nas-renamed").doesNotContain("SQLite format 3");

        byte[] served = get("/api/v1/snapshots/" + changeSnapshotId + "/content").body();
        byte[] recovered = Gpg.decrypt(home.resolve("gnupg"), Path.of(env.get("ESCROW_SECRET_KEY")),
                Path.of(env.get("ESCROW_PASSPHRASE_FILE")), Path.of(env.get("STORAGE_PUBLIC_KEY")),
                object);
        assertThat(recovered).isEqualTo(served);
    }

    @Test
    @Order(4)
    void noRecordOnTheSnapshotTopicCarriesPlaintext() throws Exception {
        String secret = SqliteDump.secretValue(Path.of(env.get("DEMO_CONFIG_DB")));
        List<byte[]> values = EnvClients.allValues(env, env.get("SNAPSHOT_TOPIC"));

        assertThat(values).isNotEmpty();
        for (byte[] value : values) {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(secret).doesNotContain("demo-nas-renamed")
                    .doesNotContain("SQLite format 3");
        }
    }

    @Test
    @Order(5)
    void aSnapshotSignedWithAForeignKeyIsQuarantinedAndTheVaultCarriesOn() throws Exception {
        String forgedId = ForgedSnapshot.publish(env, home);

        Map<String, String> reasons = EnvClients.quarantineReasons(env);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            reasons.putAll(EnvClients.quarantineReasons(env));
            return reasons.containsKey(forgedId);
        });
        assertThat(reasons.get(forgedId)).containsIgnoringCase("sign");
        assertThat(get("/api/v1/snapshots/" + forgedId).statusCode()).isEqualTo(404);

        HttpResponse<String> manual = HTTP.send(HttpRequest.newBuilder(
                        URI.create(env.get("AGENT_URL") + "/api/v1/snapshots"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"after forgery\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manual.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> latestWithTrigger("MANUAL") != null);
    }

    @Test
    @Order(6)
    void stopsCleanlyOnSigtermAndASecondStartKeepsTheSnapshots() throws Exception {
        String before = list();
        assertThat(quickstart.stop()).isIn(0, 130, 143);

        quickstart.start();

        assertThat(list()).contains(changeSnapshotId);
        assertThat(count(list())).isEqualTo(count(before));
    }

    private static String latestWithTrigger(String trigger) throws Exception {
        Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"[^}]*\"trigger\":\"" + trigger
                + "\"").matcher(list());
        return m.find() ? m.group(1) : null;
    }

    private static int count(String listing) {
        return (int) Pattern.compile("\"id\":").matcher(listing).results().count();
    }

    private static String list() throws Exception {
        return new String(get("/api/v1/appliances/" + env.get("DEMO_APPLIANCE_ID")
                + "/snapshots").body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.get("VAULT_URL") + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
