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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
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
    static String applianceKey;

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
                "ESCROW_SECRET_KEY", "ESCROW_PASSPHRASE_FILE", "STORAGE_PUBLIC_KEY",
                "DEMO_APPLIANCE_KEY");
        assertThat(quickstart.output()).contains("/api/v1/appliances/$DEMO_APPLIANCE_ID/snapshots")
                .doesNotContain(token);
        assertThat(Files.readString(Path.of(env.get("ESCROW_SECRET_KEY"))))
                .startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    @Order(1)
    void theAgentGeneratedItsOwnPrivateKeyAndEnrolledWithAOneTimeToken() throws Exception {
        Path key = Path.of(env.get("DEMO_APPLIANCE_KEY"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        assertThat(mode(key)).as("appliance key file mode").isEqualTo("rw-------");
        assertThat(mode(key.resolveSibling(key.getFileName() + ".passphrase")))
                .as("generated passphrase file mode").isEqualTo("rw-------");
        assertThat(quickstart.output()).contains("Issued a one-time enrolment token");
        assertThat(agentLog()).contains("Generated appliance signing key")
                .contains("Enrolled appliance demo-nas in fleet demo with the vault at "
                        + env.get("VAULT_URL"))
                .doesNotContain("cve_");
        assertThat(home.resolve("agent/enrolment-token")).as("used token removed").doesNotExist();
        assertThat(Files.readString(home.resolve("logs/vault-service.log")))
                .contains("Enrolled appliance demo-nas in fleet demo").doesNotContain("cve_");
        applianceKey = Files.readString(key);
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
    void anAgentWhoseTokenTheVaultDoesNotKnowStopsWithTheVaultsReason() throws Exception {
        Path dir = Files.createDirectories(home.resolve("intruder"));
        Path token = Files.writeString(dir.resolve("token"), "cve_" + "A".repeat(43) + "\n");
        Path file = Files.writeString(dir.resolve("app.conf"), "x=1\n");

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("capture.appliance-id", "intruder-1");
        settings.put("capture.fleet", "demo");
        settings.put("capture.data-dir", dir.resolve("data").toString());
        settings.put("capture.kafka.bootstrap-servers", env.get("KAFKA_BOOTSTRAP"));
        settings.put("capture.sources[0].name", "app.conf");
        settings.put("capture.sources[0].kind", "file");
        settings.put("capture.sources[0].path", file.toString());
        settings.put("capture.keys.signing-key-file", dir.resolve("keys/appliance.asc").toString());
        settings.put("capture.keys.ingest-public-key-file",
                dir.resolve("keys/ingest.asc").toString());
        settings.put("capture.enrolment.vault-url", env.get("VAULT_URL"));
        settings.put("capture.enrolment.token-file", token.toString());

        AgentLaunch.Exit exit = AgentLaunch.runUntilExit(dir, settings);

        assertThat(exit.code()).as(exit.output()).isEqualTo(2);
        assertThat(exit.output()).contains("Cannot start capture: the vault refused enrolment:"
                + " The enrolment token is not known to this vault."
                + " (capture.enrolment.token-file)").doesNotContain("\tat ")
                .doesNotContain("cve_");
        assertThat(dir.resolve("keys/ingest.asc")).as("nothing pinned").doesNotExist();
        assertThat(get("/api/v1/appliances/intruder-1/snapshots").statusCode()).isEqualTo(404);
    }

    /** The README's retention steps: a policy, its preview, a hold and a pass. */
    @Test
    @Order(6)
    void aPolicyIsPreviewedAndAPassDeletesNothingTheFloorsKeep() throws Exception {
        HttpResponse<byte[]> policy = send("PUT", "/api/v1/retention-policies/vault",
                "{\"keep-last\":3,\"keep-daily\":7,\"keep-weekly\":4,"
                        + "\"triggers\":{\"MANUAL\":{\"keep-within\":\"365d\"}}}");
        assertThat(policy.statusCode()).as(text(policy)).isEqualTo(200);

        String preview = text(get("/api/v1/retention/preview?appliance="
                + env.get("DEMO_APPLIANCE_ID")));
        assertThat(preview).contains("\"policy\":\"vault\"").contains("floor.min-age")
                .contains("\"delete\":[]");
        HttpResponse<byte[]> hold = send("PUT", "/api/v1/snapshots/" + changeSnapshotId
                + "/hold", "{\"reason\":\"before the upgrade\"}");
        assertThat(hold.statusCode()).as(text(hold)).isEqualTo(200);
        assertThat(list()).contains("before the upgrade");

        String report = text(send("POST", "/api/v1/retention/run", null));
        assertThat(report).contains("\"refusal\":null").contains("\"deleted\":0")
                .contains("\"appliances\":1");
    }

    @Test
    @Order(7)
    void stopsCleanlyOnSigtermAndASecondStartKeepsTheSnapshotsAndTheEnrolment() throws Exception {
        String before = list();
        assertThat(quickstart.stop()).isIn(0, 130, 143);

        quickstart.start();

        assertThat(list()).contains(changeSnapshotId);
        assertThat(count(list())).isEqualTo(count(before));
        Path key = Path.of(env.get("DEMO_APPLIANCE_KEY"));
        assertThat(Files.readString(key)).as("the same appliance key").isEqualTo(applianceKey);
        assertThat(occurrences(quickstart.output(), "Issued a one-time enrolment token"))
                .as("tokens issued over both starts").isEqualTo(1);
        assertThat(occurrences(agentLog(), "Enrolled appliance demo-nas"))
                .as("enrolments over both starts").isEqualTo(1);
        assertThat(occurrences(agentLog(), "Generated appliance signing key"))
                .as("keys generated over both starts").isEqualTo(1);
        assertThat(occurrences(agentLog(), "Capture agent API listening"))
                .as("agent starts").isEqualTo(2);
    }

    private static String agentLog() throws Exception {
        return Files.readString(home.resolve("logs/capture-service.log"));
    }

    private static int occurrences(String text, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
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

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A request with a JSON body (none when null). */
    private static HttpResponse<byte[]> send(String method, String path, String json)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.get("VAULT_URL") + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.get("VAULT_URL") + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
