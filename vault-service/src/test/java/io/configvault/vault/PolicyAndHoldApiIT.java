package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention policies and holds through the API of a real vault (real broker, real S3 server,
 * real SQLite catalog), every refusal included. This vault runs without a retention service:
 * the API starts all the same, and preview and run answer 503.
 */
@ExtendWith(StackExtension.class)
class PolicyAndHoldApiIT {

    static final String NAME = "vault-policy-api-" + UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = "{\"keep-last\": 3, \"keep-daily\": 7, \"time-zone\":"
            + " \"Europe/Berlin\", \"triggers\": {\"MANUAL\": {\"keep-within\": \"365d\"}}}";

    @TempDir
    static Path dir;

    static EmbeddedServer server;
    static TestVault settings;
    static SnapshotPublisher publisher;
    static String token;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        settings = new TestVault(stack, dir, NAME).withoutEscrow();
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
    void policiesAreSetReadListedReplacedAndDeletedAndEveryChangeIsAudited() throws Exception {
        assertThat(get("/api/v1/retention-policies/fleet:crud").statusCode()).isEqualTo(404);

        HttpResponse<byte[]> created = put("/api/v1/retention-policies/fleet:crud", POLICY);
        assertThat(created.statusCode()).as(text(created)).isEqualTo(200);
        JsonNode body = json(created);
        assertThat(body.get("scope").asText()).isEqualTo("fleet:crud");
        assertThat(body.get("created").asBoolean()).isTrue();
        assertThat(body.get("updatedBy").asText()).isEqualTo("admin");
        assertThat(Instant.parse(body.get("updatedAt").asText())).isBefore(Instant.now());
        assertThat(body.get("policy")).isEqualTo(JSON.readTree(POLICY));

        HttpResponse<byte[]> replaced = put("/api/v1/retention-policies/fleet:crud",
                "{\"keep-weekly\": 4}");
        assertThat(json(replaced).get("created").asBoolean()).isFalse();
        JsonNode shown = json(get("/api/v1/retention-policies/fleet:crud"));
        assertThat(shown.get("policy")).isEqualTo(JSON.readTree("{\"keep-weekly\": 4}"));
        assertThat(shown.get("updatedAt").asText())
                .isEqualTo(json(replaced).get("updatedAt").asText());
        assertThat(shown.has("created")).isFalse();

        put("/api/v1/retention-policies/appliance:crud-1", POLICY);
        put("/api/v1/retention-policies/vault", "{\"keep-last\": 10}");
        List<String> scopes = json(get("/api/v1/retention-policies")).get("items")
                .findValuesAsText("scope");
        assertThat(scopes).containsSubsequence("vault", "fleet:crud", "appliance:crud-1");

        assertThat(delete("/api/v1/retention-policies/fleet:crud").statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/retention-policies/fleet:crud").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> again = delete("/api/v1/retention-policies/fleet:crud");
        assertProblem(again, 404, "No retention policy is set for fleet:crud.");

        List<AuditRecord> audit = audit().stream()
                .filter(r -> r.target().equals("fleet:crud")).toList();
        assertThat(audit).extracting(AuditRecord::action)
                .containsExactly("policy.delete", "policy.put", "policy.put");
        assertThat(audit).allSatisfy(r -> {
            assertThat(r.actor()).isEqualTo("admin");
            assertThat(r.outcome()).isEqualTo("ok");
        });
        assertThat(JSON.readTree(audit.get(0).detail()))
                .isEqualTo(JSON.readTree("{\"keep-weekly\": 4}"));
        assertThat(JSON.readTree(audit.get(2).detail())).isEqualTo(JSON.readTree(POLICY));
    }

    @Test
    void aRefusedPolicyNamesTheRuleAtFaultAndChangesNothing() throws Exception {
        String path = "/api/v1/retention-policies/fleet:refused";
        int audited = audit().size();

        assertRule(put(path, "{\"keep-daily\": -1}"), "keep-daily",
                "keep-daily: must be a whole number from 0 to 100000.");
        assertRule(put(path, "{\"keep-fortnightly\": 2}"), "(document)",
                "(document): 'keep-fortnightly' is an unknown rule; the rules are keep-last,");
        assertRule(put(path, "{\"triggers\": {\"MANUAL\": {\"keep-forever\": true}}}"),
                "triggers.MANUAL", "triggers.MANUAL: 'keep-forever' is an unknown rule");
        assertRule(put(path, "{\"keep-within\": \"soon\"}"), "keep-within", "keep-within: ");
        assertRule(put(path, "{\"keep-daily\": 7, \"keep-daily\": 8}"), "keep-daily",
                "keep-daily: is given twice.");
        assertRule(put(path, "{\"keep-daily\": 7"), "(document)",
                "(document): not valid JSON.");
        assertRule(put(path, "[]"), "(document)", "(document): a policy is a JSON object");
        assertRule(put(path, ""), "(document)", "(document): a policy is a JSON object");
        assertRule(put(path, "{}"), "(document)", "(document): a policy needs at least one");

        String big = "{\"time-zone\": \"UTC\", \"keep-last\": 1" + " ".repeat(16 * 1024) + "}";
        assertProblem(put(path, big), 413, "A policy document is at most 16384 bytes.");

        for (String scope : List.of("fleet:", "team:lab", "fleet:Lab", "appliance:..",
                "vault:x")) {
            assertProblem(put("/api/v1/retention-policies/" + scope, POLICY), 400,
                    "Invalid policy scope: a scope is vault, fleet:<fleet id> or"
                            + " appliance:<appliance id>.");
        }
        assertProblem(put("/api/v1/retention-policies/fleet:a%2Fb", POLICY), 400,
                "The request path is refused: it holds an encoded path separator.");
        assertThat(get("/api/v1/retention-policies/team:lab").statusCode()).isEqualTo(400);
        assertThat(delete("/api/v1/retention-policies/team:lab").statusCode()).isEqualTo(400);

        assertThat(get(path).statusCode()).isEqualTo(404);
        assertThat(audit()).hasSize(audited);
    }

    @Test
    void everyRetentionEndpointNeedsABearerToken() throws Exception {
        String snapshot = "/api/v1/snapshots/" + SnapshotId.mint(Clock.systemUTC()) + "/hold";
        List<HttpResponse<byte[]>> answers = List.of(
                VaultHttp.get(server, "/api/v1/retention-policies", null),
                VaultHttp.get(server, "/api/v1/retention-policies/vault", null),
                VaultHttp.put(server, "/api/v1/retention-policies/vault", null, bytes(POLICY)),
                VaultHttp.delete(server, "/api/v1/retention-policies/vault", null),
                VaultHttp.put(server, snapshot, null, bytes("{\"reason\": \"x\"}")),
                VaultHttp.delete(server, snapshot, "wrong-token-0123456789"),
                VaultHttp.get(server, "/api/v1/retention/preview", null),
                VaultHttp.post(server, "/api/v1/retention/run", null));

        assertThat(answers).allSatisfy(a -> assertProblem(a, 401,
                "A valid bearer token is required."));
        assertThat(get("/api/v1/retention-policies/vault").statusCode()).isEqualTo(404);
    }

    /** The vault's own retention service behind the API (nothing is a day old: none goes). */
    @Test
    void theVaultsRetentionServiceAnswersPreviewAndRun() throws Exception {
        SnapshotId id = storeSnapshot();

        HttpResponse<byte[]> preview = get("/api/v1/retention/preview?appliance=nas-1");
        assertThat(preview.statusCode()).as(text(preview)).isEqualTo(200);
        JsonNode plan = json(preview).get("appliances").get(0);
        assertThat(plan.get("applianceId").asText()).isEqualTo("nas-1");
        assertThat(plan.get("keep").findValuesAsText("snapshotId")).contains(id.toString());
        assertThat(plan.get("delete")).isEmpty();

        HttpResponse<byte[]> run = VaultHttp.post(server, "/api/v1/retention/run", token);
        assertThat(run.statusCode()).as(text(run)).isEqualTo(200);
        JsonNode report = json(run);
        assertThat(report.get("refusal").isNull()).as(text(run)).isTrue();
        assertThat(report.get("deleted").asInt()).isZero();
        assertThat(report.get("appliances").asInt()).isPositive();
        assertThat(json(get("/api/v1/snapshots/" + id)).get("id").asText())
                .isEqualTo(id.toString());
    }

    @Test
    void aHoldIsPlacedShownRewordedAndReleasedAndAudited() throws Exception {
        SnapshotId id = storeSnapshot();
        String path = "/api/v1/snapshots/" + id + "/hold";

        HttpResponse<byte[]> placed = put(path, "{\"reason\": \"incident 42\"}");
        assertThat(placed.statusCode()).as(text(placed)).isEqualTo(200);
        JsonNode hold = json(placed);
        assertThat(hold.get("snapshotId").asText()).isEqualTo(id.toString());
        assertThat(hold.get("reason").asText()).isEqualTo("incident 42");
        assertThat(hold.get("heldBy").asText()).isEqualTo("admin");
        assertThat(Instant.parse(hold.get("heldAt").asText())).isBefore(Instant.now());
        assertThat(json(get("/api/v1/snapshots/" + id)).get("hold")).isEqualTo(hold);
        assertThat(json(get("/api/v1/appliances/nas-1/snapshots")).get("items")
                .findValues("hold")).contains(hold);

        HttpResponse<byte[]> reworded = put(path, "{\"reason\": \"Rechtsstreit Müller\"}");
        assertThat(json(reworded).get("reason").asText()).isEqualTo("Rechtsstreit Müller");
        assertThat(json(get("/api/v1/snapshots/" + id)).get("hold").get("reason").asText())
                .isEqualTo("Rechtsstreit Müller");

        assertThat(delete(path).statusCode()).isEqualTo(204);
        assertThat(json(get("/api/v1/snapshots/" + id)).has("hold")).isFalse();
        assertProblem(delete(path), 404, "Snapshot " + id + " has no hold.");

        List<AuditRecord> audit = audit().stream()
                .filter(r -> r.target().equals(id.toString())).toList();
        assertThat(audit).extracting(AuditRecord::action, AuditRecord::detail).containsExactly(
                tuple("hold.release", ""),
                tuple("hold.place", "Rechtsstreit Müller"),
                tuple("hold.place", "incident 42"));
        assertThat(audit).allSatisfy(r -> {
            assertThat(r.actor()).isEqualTo("admin");
            assertThat(r.source()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void aRefusedHoldSaysWhyAndHoldsNothing() throws Exception {
        SnapshotId id = storeSnapshot();
        String path = "/api/v1/snapshots/" + id + "/hold";
        int audited = audit().size();

        assertProblem(put(path, "{}"), 400, "Reason is required.");
        assertProblem(put(path, "{\"reason\": \"  \"}"), 400, "Reason is required.");
        assertProblem(put(path, "{\"reason\": \"" + "x".repeat(501) + "\"}"), 400,
                "Reason is longer than 500 characters.");
        assertProblem(put(path, "{\"reason\": \"two\\nlines\"}"), 400,
                "Reason must be printable text (no control characters or line breaks).");
        assertProblem(put(path, "{\"reason\": 42}"), 400, "reason must be a string.");
        assertProblem(put(path, "{\"reason\": \"x\", \"until\": \"later\"}"), 400,
                "Unknown field in the request body (allowed: reason).");
        assertProblem(put(path, "{\"reason\": \"x\", \"reason\": \"y\"}"), 400,
                "The request body is not valid JSON.");
        assertProblem(put(path, "{\"reason\":"), 400, "The request body is not valid JSON.");
        assertProblem(put(path, "{\"reason\": \"" + "x".repeat(70_000) + "\"}"), 413,
                "The request body is larger than 65536 bytes.");
        assertProblem(put("/api/v1/snapshots/not-an-id/hold", "{\"reason\": \"x\"}"), 400,
                "Invalid snapshot id.");
        assertProblem(put("/api/v1/snapshots/..%2f..%2fetc/hold", "{\"reason\": \"x\"}"), 400,
                "The request path is refused: it holds an encoded path separator.");
        assertProblem(delete("/api/v1/snapshots/not-an-id/hold"), 400, "Invalid snapshot id.");
        SnapshotId unknown = SnapshotId.mint(Clock.systemUTC());
        assertProblem(put("/api/v1/snapshots/" + unknown + "/hold", "{\"reason\": \"x\"}"), 404,
                "No snapshot " + unknown + ".");
        assertProblem(delete("/api/v1/snapshots/" + unknown + "/hold"), 404,
                "No snapshot " + unknown + ".");

        assertThat(json(get("/api/v1/snapshots/" + id)).has("hold")).isFalse();
        assertThat(audit()).hasSize(audited);
    }

    private static SnapshotId storeSnapshot() throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("app.conf", "x=1\n"), settings.ingest.publicKey(), settings.nas1.secret());
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/snapshots/" + sealed.id()).statusCode() == 200);
        return sealed.id();
    }

    private static void assertRule(HttpResponse<byte[]> answer, String rule, String detail) {
        assertProblem(answer, 400, null);
        JsonNode problem = json(answer);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid Policy");
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        assertThat(problem.get("detail").asText()).startsWith(detail);
    }

    /** @param detail the exact detail, or null to check only status and media type */
    private static void assertProblem(HttpResponse<byte[]> answer, int status, String detail) {
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json(answer);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (detail != null) {
            assertThat(problem.get("detail").asText()).isEqualTo(detail);
        }
    }

    /** The records of holds and policy changes (reads are audited too: see AuditIT). */
    private static List<AuditRecord> audit() throws Exception {
        return server.getApplicationContext().getBean(AuditLog.class).recentAudit(1000).stream()
                .filter(r -> r.action().startsWith("hold.") || r.action().startsWith("policy."))
                .toList();
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return VaultHttp.get(server, path, token);
    }

    private static HttpResponse<byte[]> put(String path, String body) throws Exception {
        return VaultHttp.put(server, path, token, bytes(body));
    }

    private static HttpResponse<byte[]> delete(String path) throws Exception {
        return VaultHttp.delete(server, path, token);
    }
}
