package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditRecord;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Snapshot diffs through the real broker and the real S3 server: snapshots ingested by the
 * vault, the diff read back through the API. The database is the demo appliance's
 * ({@code deploy/local}'s {@code DemoAppliance}: settings, users with password hashes, network
 * interfaces, an API secret), captured before and after one {@code UPDATE}.
 */
@ExtendWith(StackExtension.class)
class SnapshotDiffIT {

    static final String BUCKET = "diff-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String OLD_HASH = "$6$demo$5f0c2a9e81d4b7a3c6e2f1d0a9b8c7d6";
    static final String NEW_HASH = "$6$demo$0e1d2c3b4a5968778695a4b3c2d1e0ff";
    static final String API_SECRET = "demo-secret-7a1b2c3d4e5f60718293a4b5";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static LocalStack stack;
    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static TestVault settings;
    static String token;

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        settings = new TestVault(stack, dir, BUCKET).withoutEscrow();
        settings.config.put("vault.verify.enabled", "false");
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
    }

    /** Done when of issue 6: exactly that row change, the secrets redacted. */
    @Test
    void theDiffOfTheDemoApplianceBeforeAndAfterAnUpdateShowsExactlyThatRowChange()
            throws Exception {
        Path before = demoDatabase(dir.resolve("before.db"));
        Path after = dir.resolve("after.db");
        Files.copy(before, after);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + after);
             PreparedStatement update = db.prepareStatement("UPDATE users SET password_hash = ?,"
                     + " shell = '/bin/bash' WHERE username = 'root'")) {
            update.setString(1, NEW_HASH);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        SnapshotId a = store(before);
        SnapshotId b = store(after);

        HttpResponse<byte[]> response = get("/api/v1/snapshots/" + a + "/diff/" + b);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(OLD_HASH, NEW_HASH, "$6$", API_SECRET);
        JsonNode diff = JSON.readTree(response.body());
        assertThat(diff.get("from").asText()).isEqualTo(a.toString());
        assertThat(diff.get("to").asText()).isEqualTo(b.toString());
        assertThat(diff.get("added")).isEmpty();
        assertThat(diff.get("removed")).isEmpty();
        assertThat(diff.get("unchanged").asInt()).isEqualTo(1);
        assertThat(diff.get("truncated").asBoolean()).isFalse();
        assertThat(diff.get("changed")).hasSize(1);
        JsonNode entry = diff.get("changed").get(0);
        assertThat(entry.get("name").asText()).isEqualTo("config.db");
        assertThat(entry.get("from").get("sensitive").asBoolean()).isTrue();
        JsonNode sqlite = entry.get("sqlite");
        assertThat(sqlite.get("tablesAdded")).isEmpty();
        assertThat(sqlite.get("tablesRemoved")).isEmpty();
        assertThat(sqlite.get("schemaChanges")).isEmpty();
        assertThat(sqlite.get("tablesUnchanged").asInt()).isEqualTo(3);
        assertThat(sqlite.get("tables")).hasSize(1);
        JsonNode users = sqlite.get("tables").get(0);
        assertThat(users.get("table").asText()).isEqualTo("users");
        assertThat(users.get("rowsChanged").asLong()).isEqualTo(1);
        assertThat(users.get("rowsAdded").asLong()).isZero();
        assertThat(users.get("rowsRemoved").asLong()).isZero();
        assertThat(users.get("changes")).hasSize(1);
        assertThat(users.get("changes").get(0)).isEqualTo(JSON.readTree("""
                {"change": "changed", "key": {"id": 1}, "values": null,
                 "columns": {"password_hash": {"from": "<redacted>", "to": "<redacted>"},
                             "shell": {"from": "/bin/sh", "to": "/bin/bash"}},
                 "columnsOmitted": 0}"""));

        List<AuditRecord> audit = server.getApplicationContext().getBean(AuditLog.class)
                .recentAudit(20);
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("snapshot.diff");
            assertThat(r.target()).isEqualTo(a + ".." + b);
            assertThat(r.outcome()).isEqualTo("ok");
        });
        try (Stream<Path> spool = Files.list(dir.resolve("spool"))) {
            assertThat(spool).noneMatch(p -> p.getFileName().toString().startsWith("diff-")
                    || p.getFileName().toString().startsWith("get-"));
        }
    }

    @Test
    void aSnapshotDiffedWithItselfIsEmpty() throws Exception {
        SnapshotId a = store(demoDatabase(dir.resolve("self.db")));

        JsonNode diff = JSON.readTree(get("/api/v1/snapshots/" + a + "/diff/" + a).body());

        assertThat(diff.get("changed")).isEmpty();
        assertThat(diff.get("added")).isEmpty();
        assertThat(diff.get("removed")).isEmpty();
        assertThat(diff.get("unchanged").asInt()).isEqualTo(2);
    }

    @Test
    void malformedIdsAre400AndUnknownSnapshotsAre404() throws Exception {
        SnapshotId known = store(demoDatabase(dir.resolve("known.db")));
        SnapshotId unknown = SnapshotId.mint(Clock.systemUTC());

        for (String path : List.of("not-an-id/diff/" + known, known + "/diff/not-an-id",
                known + "/diff/" + known + "x")) {
            HttpResponse<byte[]> response = get("/api/v1/snapshots/" + path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertProblem(response);
            assertThat(JSON.readTree(response.body()).get("detail").asText())
                    .isEqualTo("Invalid snapshot id.");
        }
        HttpResponse<byte[]> missing = get("/api/v1/snapshots/" + known + "/diff/" + unknown);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertProblem(missing);
        assertThat(JSON.readTree(missing.body()).get("detail").asText())
                .isEqualTo("No snapshot " + unknown + ".");
        assertThat(VaultHttp.get(server, "/api/v1/snapshots/" + known + "/diff/" + known, null)
                .statusCode()).isEqualTo(401);
        assertThat(server.getApplicationContext().getBean(AuditLog.class).recentAudit(20))
                .anySatisfy(r -> {
                    assertThat(r.action()).isEqualTo("snapshot.diff");
                    assertThat(r.outcome()).isEqualTo("not-found");
                });
    }

    @Test
    void anEntryThatIsNoDatabaseIsNamedNotCompared() throws Exception {
        SnapshotId sound = storeSealed(SqliteSnapshots.seal(dir, "nas-1", "lab",
                SnapshotId.mint(Clock.systemUTC()), Db.SOUND, "marker-sound",
                settings.ingest.publicKey(), settings.nas1.secret()));
        SnapshotId text = storeSealed(SqliteSnapshots.seal(dir, "nas-1", "lab",
                SnapshotId.mint(Clock.systemUTC()), Db.NOT_A_DATABASE, "marker-text",
                settings.ingest.publicKey(), settings.nas1.secret()));

        JsonNode diff = JSON.readTree(get("/api/v1/snapshots/" + sound + "/diff/" + text).body());

        JsonNode entry = diff.get("changed").get(0);
        assertThat(entry.get("name").asText()).isEqualTo("config.db");
        assertThat(entry.has("sqlite")).isFalse();
        assertThat(entry.get("note").asText()).isEqualTo("rows not compared: not a SQLite"
                + " database");
    }

    @Test
    void aSnapshotThatFailsVerificationFailsTheDiffClosed() throws Exception {
        SnapshotId good = store(demoDatabase(dir.resolve("good.db")));
        SnapshotId damaged = store(demoDatabase(dir.resolve("damaged.db")));
        String key = "snapshots/lab/nas-1/" + damaged + ".tar.pgp";
        ResponseBytes<GetObjectResponse> object = stack.s3Client()
                .getObjectAsBytes(r -> r.bucket(BUCKET).key(key));
        byte[] bytes = object.asByteArray();
        bytes[bytes.length / 2] ^= 0x01;
        stack.s3Client().putObject(r -> r.bucket(BUCKET).key(key)
                .metadata(object.response().metadata()), RequestBody.fromBytes(bytes));

        HttpResponse<byte[]> response = get("/api/v1/snapshots/" + good + "/diff/" + damaged);

        assertThat(response.statusCode()).isEqualTo(500);
        assertProblem(response);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .doesNotContain(API_SECRET, "snapshots/lab/");
        assertThat(server.getApplicationContext().getBean(AuditLog.class).recentAudit(20))
                .anySatisfy(r -> {
                    assertThat(r.target()).isEqualTo(good + ".." + damaged);
                    assertThat(r.outcome()).isEqualTo("failed");
                });
    }

    /** The demo appliance's database as {@code DemoAppliance.createDatabase} makes it. */
    static Path demoDatabase(Path file) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE system_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            sql.execute("INSERT INTO system_settings VALUES ('hostname', 'demo-nas'),"
                    + " ('timezone', 'Europe/Berlin'), ('ntp_server', 'pool.ntp.org'),"
                    + " ('ui_port', '443')");
            sql.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,"
                    + " password_hash TEXT, shell TEXT)");
            sql.execute("INSERT INTO users (username, password_hash, shell) VALUES"
                    + " ('root', '" + OLD_HASH + "', '/bin/sh'),"
                    + " ('backup', '*', '/usr/sbin/nologin')");
            sql.execute("CREATE TABLE network_interfaces (name TEXT PRIMARY KEY, ipv4 TEXT,"
                    + " mtu INTEGER)");
            sql.execute("INSERT INTO network_interfaces VALUES ('eth0', '192.0.2.10/24', 1500)");
            sql.execute("CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            sql.execute("INSERT INTO secrets VALUES ('cloud_sync_api_key', '" + API_SECRET
                    + "')");
        }
        return file;
    }

    private static SnapshotId store(Path database) throws Exception {
        return storeSealed(SqliteSnapshots.seal(dir, "nas-1", "lab",
                SnapshotId.mint(Clock.systemUTC()), database, settings.ingest.publicKey(),
                settings.nas1.secret()));
    }

    private static SnapshotId storeSealed(TestSnapshots.Sealed sealed) throws Exception {
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() -> new String(
                get("/api/v1/snapshots/" + sealed.id()).body(), StandardCharsets.UTF_8)
                .contains("\"id\":\"" + sealed.id() + "\""));
        return sealed.id();
    }

    private static void assertProblem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return VaultHttp.get(server, path, token);
    }
}
