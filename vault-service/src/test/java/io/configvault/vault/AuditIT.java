package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log of a real vault (real broker, real S3 server, real SQLite catalog): every
 * audited action appears in {@code GET /api/v1/audit} with who, what, on what, from where and
 * the outcome; rows edited or deleted through a second connection to the catalog file are
 * reported by {@code GET /api/v1/audit/verification} at the first broken seq (each test puts
 * the row back); the export reaches the bucket every second and catches a deleted tail.
 */
@ExtendWith(StackExtension.class)
class AuditIT {

    static final String NAME = "vault-audit-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    @TempDir
    static Path dir;

    static EmbeddedServer server;
    static TestVault settings;
    static SnapshotPublisher publisher;
    static String token;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        settings = new TestVault(stack, dir, NAME).withoutEscrow();
        settings.config.put("vault.audit.export-interval", "PT1S");
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
    void everyAuditedActionAppearsWithWhoWhatTargetSourceAndOutcome() throws Exception {
        SnapshotId id = storeSnapshot();
        String snapshot = "/api/v1/snapshots/" + id;
        SnapshotId unknown = SnapshotId.mint(Clock.systemUTC());

        assertThat(get("/api/v1/appliances/nas-1/snapshots").statusCode()).isEqualTo(200);
        assertThat(get(snapshot).statusCode()).isEqualTo(200);
        assertThat(get(snapshot + "/content").statusCode()).isEqualTo(200);
        assertThat(get(snapshot + "/entries/app.conf").statusCode()).isEqualTo(200);
        assertThat(VaultHttp.post(server, snapshot + "/verify", token).statusCode())
                .isEqualTo(200);
        assertThat(put(snapshot + "/hold", "{\"reason\": \"audit it\"}").statusCode())
                .isEqualTo(200);
        assertThat(VaultHttp.delete(server, snapshot + "/hold", token).statusCode())
                .isEqualTo(204);
        assertThat(put("/api/v1/retention-policies/fleet:audit", "{\"keep-last\": 3}")
                .statusCode()).isEqualTo(200);
        assertThat(VaultHttp.delete(server, "/api/v1/retention-policies/fleet:audit", token)
                .statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/snapshots/" + unknown + "/content").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/snapshots/" + unknown + "/entries/app.conf").statusCode())
                .isEqualTo(404);

        assertRecord("snapshot.list", "nas-1", "ok", "");
        assertRecord("snapshot.read", id.toString(), "ok", "");
        assertRecord("snapshot.download", id.toString(), "ok", "");
        assertRecord("snapshot.entry", id.toString(), "ok", "app.conf");
        assertRecord("snapshot.verify", id.toString(), "ok", "");
        assertRecord("hold.place", id.toString(), "ok", "audit it");
        assertRecord("hold.release", id.toString(), "ok", "");
        assertRecord("policy.put", "fleet:audit", "ok", "{\"keep-last\":3}");
        assertRecord("policy.delete", "fleet:audit", "ok", "{\"keep-last\":3}");
        assertRecord("snapshot.download", unknown.toString(), "not-found", "");
        assertRecord("snapshot.entry", unknown.toString(), "not-found", "app.conf");
    }

    @Test
    void theListIsPagedNewestFirstAndRefusesOversizedPagesAndBadFilters() throws Exception {
        for (int i = 0; i < 3; i++) {
            get("/api/v1/appliances/nas-2/snapshots");
        }
        JsonNode first = json(get("/api/v1/audit?target=nas-2&limit=2"));
        assertThat(first.get("items")).hasSize(2);
        long newest = first.get("items").get(0).get("seq").asLong();
        long next = first.get("next").asLong();
        assertThat(first.get("items").get(1).get("seq").asLong()).isEqualTo(next)
                .isLessThan(newest);
        JsonNode second = json(get("/api/v1/audit?target=nas-2&limit=2&after=" + next));
        assertThat(second.get("items").get(0).get("seq").asLong()).isLessThan(next);

        assertThat(get("/api/v1/audit?limit=1001").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/audit?since=yesterday").statusCode()).isEqualTo(400);
        assertThat(VaultHttp.get(server, "/api/v1/audit", null).statusCode()).isEqualTo(401);
        assertThat(VaultHttp.get(server, "/api/v1/audit/verification", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void editingARecordInTheDatabaseIsReportedAtItsSeq() throws Exception {
        get("/api/v1/appliances/nas-1/snapshots");
        long seq = newestSeq();
        assertThat(verification().get("ok").asBoolean()).isTrue();

        String detail = single("SELECT detail FROM audit_log WHERE seq = " + seq);
        sql("UPDATE audit_log SET actor = 'someone-else' WHERE seq = " + seq);
        try {
            JsonNode verdict = verification();
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verdict.get("reason").asText()).isEqualTo("record " + seq
                    + " does not match its hash: it was changed after it was written");
        } finally {
            sql("UPDATE audit_log SET actor = 'admin' WHERE seq = " + seq);
        }
        assertThat(detail).isEmpty();
        assertThat(verification().get("ok").asBoolean()).isTrue();
    }

    @Test
    void deletingARecordInTheDatabaseIsReportedAtItsSeq() throws Exception {
        get("/api/v1/appliances/nas-1/snapshots");
        get("/api/v1/appliances/nas-2/snapshots");
        long seq = newestSeq() - 1;
        List<String> row = row(seq);
        sql("DELETE FROM audit_log WHERE seq = " + seq);
        try {
            JsonNode verdict = verification();
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verdict.get("reason").asText()).isEqualTo("record " + seq
                    + " is missing");
        } finally {
            restore(row);
        }
        assertThat(verification().get("ok").asBoolean()).isTrue();
    }

    @Test
    void theExportReachesTheBucketAndCatchesADeletedTail() throws Exception {
        get("/api/v1/appliances/nas-1/snapshots");
        long seq = newestSeq();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> verification().get("exportedSeq").asLong() >= seq);
        BlobStore bucket = server.getApplicationContext().getBean(BlobStore.class);
        List<String> keys = bucket.list("audit/", null, 1000).blobs().stream()
                .map(BlobStore.ListedBlob::key).toList();
        assertThat(keys).isNotEmpty().allMatch(k -> k.matches("audit/\\d{20}-\\d{20}\\.jsonl"));
        assertThat(keys.getLast()).endsWith(String.format("-%020d.jsonl", seq));

        List<String> row = row(seq);
        sql("DELETE FROM audit_log WHERE seq = " + seq);
        try {
            JsonNode verdict = verification();
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verdict.get("reason").asText()).isEqualTo("records " + seq + " to "
                    + seq + " were exported to the bucket but are missing from the catalog:"
                    + " its tail was deleted");
        } finally {
            restore(row);
        }
        assertThat(verification().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aDownloadWhoseRecordCannotBeWrittenIsRefusedWith503AndReleasesNothing()
            throws Exception {
        SnapshotId id = storeSnapshot();
        long before = spoolFiles();
        HttpResponse<byte[]> answer;
        // A writer holding the catalog: the vault's audit write times out (busy_timeout).
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            answer = get("/api/v1/snapshots/" + id + "/content");
            s.execute("ROLLBACK");
        }

        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(answer).get("detail").asText()).isEqualTo("The audit log cannot be"
                + " written now, so nothing was done or released; try again later.");
        assertThat(text(answer)).doesNotContain("x=1");
        assertThat(spoolFiles()).as("the decrypted bundle is discarded").isEqualTo(before);
        assertThat(json(get("/api/v1/audit?action=snapshot.download&target=" + id))
                .get("items")).isEmpty();
    }

    private static long spoolFiles() throws Exception {
        Path spool = dir.resolve("spool");
        if (!java.nio.file.Files.exists(spool)) {
            return 0;
        }
        try (var files = java.nio.file.Files.walk(spool)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    private static void assertRecord(String action, String target, String outcome,
                                     String detail) throws Exception {
        JsonNode page = json(get("/api/v1/audit?action=" + action + "&target=" + target
                + "&outcome=" + outcome + "&limit=1"));
        assertThat(page.get("items")).as(action + " " + target + " " + outcome).hasSize(1);
        JsonNode record = page.get("items").get(0);
        assertThat(record.get("actor").asText()).isEqualTo("admin");
        assertThat(record.get("source").asText()).isIn(LOOPBACK);
        assertThat(record.get("detail").asText()).isEqualTo(detail);
        assertThat(record.get("hash").asText()).hasSize(64);
    }

    private static long newestSeq() throws Exception {
        return json(get("/api/v1/audit?limit=1")).get("items").get(0).get("seq").asLong();
    }

    private static JsonNode verification() throws Exception {
        HttpResponse<byte[]> answer = get("/api/v1/audit/verification");
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        return json(answer);
    }

    private static final String COLUMNS = "seq, at_ms, actor, action, target, outcome, detail,"
            + " source, prev_hash, hash";

    private static List<String> row(long seq) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM audit_log WHERE seq = "
                     + seq)) {
            assertThat(r.next()).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                values.add(r.getString(i));
            }
            return values;
        }
    }

    private static void restore(List<String> row) throws Exception {
        try (Connection c = connection(); var insert = c.prepareStatement("INSERT INTO audit_log ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < row.size(); i++) {
                insert.setString(i + 1, row.get(i));
            }
            insert.executeUpdate();
        }
    }

    private static String single(String query) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getString(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** A second connection to the vault's catalog file, as a hand outside the vault has. */
    private static Connection connection() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + settings.catalog());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
        }
        return c;
    }

    private static SnapshotId storeSnapshot() throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("app.conf", "x=1\n"), settings.ingest.publicKey(), settings.nas1.secret());
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/snapshots/" + sealed.id()).statusCode() == 200);
        return sealed.id();
    }

    private static JsonNode json(HttpResponse<byte[]> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text(answer), e);
        }
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return VaultHttp.get(server, path, token);
    }

    private static HttpResponse<byte[]> put(String path, String body) throws Exception {
        return VaultHttp.put(server, path, token, body.getBytes(StandardCharsets.UTF_8));
    }
}
