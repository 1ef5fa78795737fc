package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * Enrolment over HTTP against the real vault (real broker, real S3 server): tokens issued by an
 * admin, redeemed by appliances without a bearer token, and the enrolled key accepted by ingest.
 */
@ExtendWith(StackExtension.class)
class EnrolmentIT {

    static final String NAME = "vault-enrol-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TOPIC = TestVault.topic(NAME);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static EmbeddedServer server;
    static String admin;
    static Keys ingest;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        TestVault settings = new TestVault(stack, dir, NAME).withoutEscrow().withoutAppliances();
        ingest = settings.ingest;
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        admin = settings.adminToken();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void anApplianceEnrolsWithATokenAndItsSnapshotsAreStored(LocalStack stack) throws Exception {
        Keys appliance = Keys.generate("nas-e1");
        HttpResponse<String> issued = post("/api/v1/enrolment-tokens", admin,
                "{\"fleet\":\"lab\",\"applianceId\":\"nas-e1\",\"ttl\":\"PT10M\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode token = JSON.readTree(issued.body());
        assertThat(token.get("fleet").asText()).isEqualTo("lab");
        assertThat(token.get("applianceId").asText()).isEqualTo("nas-e1");
        assertThat(token.get("purpose").asText()).isEqualTo("enrol");
        assertThat(Instant.parse(token.get("expiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(9 * 60), Instant.now().plusSeconds(10 * 60));

        HttpResponse<String> enrolled = enrol(token.get("token").asText(), "nas-e1", appliance);

        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode answer = JSON.readTree(enrolled.body());
        assertThat(answer.get("applianceId").asText()).isEqualTo("nas-e1");
        assertThat(answer.get("fleet").asText()).isEqualTo("lab");
        assertThat(answer.get("fingerprint").asText()).isEqualTo(ingest.publicKey().fingerprint());
        assertThat(OpenPgpKeys.readPublicKey(answer.get("ingestPublicKey").asText()))
                .isEqualTo(ingest.publicKey());

        // The same request again (the agent lost the answer): the same answer, nothing changes.
        HttpResponse<String> again = enrol(token.get("token").asText(), "nas-e1", appliance);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body())).isEqualTo(answer);

        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-e1", "lab",
                Map.of("config.db", "enrolled"), ingest.publicKey(), appliance.secret());
        publish(stack, sealed.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/appliances/nas-e1/snapshots").body()
                        .contains(sealed.id().toString()));
    }

    @Test
    void badTokensAreRefusedWithProblemsThatNameNoSecret() throws Exception {
        Keys appliance = Keys.generate("nas-e2");
        String forOther = token("{\"fleet\":\"lab\",\"applianceId\":\"nas-other\"}");
        String shortLived = token("{\"fleet\":\"lab\",\"ttl\":\"PT1S\"}");
        String used = token("{\"fleet\":\"lab\"}");
        assertThat(enrol(used, "nas-e2", appliance).statusCode()).isEqualTo(201);

        assertProblem(enrol("cve_" + "x".repeat(43), "nas-e3", appliance), 401,
                "The enrolment token is not known to this vault.");
        assertProblem(enrol("not a token", "nas-e3", appliance), 401,
                "The enrolment token is not known to this vault.");
        assertProblem(enrol(used, "nas-e3", Keys.generate("nas-e3")), 401,
                "The enrolment token has already been used.");
        assertProblem(enrol(forOther, "nas-e3", appliance), 403,
                "The enrolment token was issued for another appliance id.");
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now()
                .isAfter(Instant.parse(issuedExpiry(shortLived))));
        assertProblem(enrol(shortLived, "nas-e3", appliance), 401,
                "The enrolment token has expired.");
        assertThat(get("/api/v1/appliances/nas-e3/snapshots").statusCode()).isEqualTo(404);
    }

    @Test
    void aSecondKeyIsAConflictUntilAnAdminIssuesAReKeyToken(LocalStack stack) throws Exception {
        Keys first = Keys.generate("nas-e4 first");
        Keys second = Keys.generate("nas-e4 second");
        assertThat(enrol(token("{\"fleet\":\"lab\"}"), "nas-e4", first).statusCode())
                .isEqualTo(201);

        String fleetToken = token("{\"fleet\":\"lab\"}");
        assertProblem(enrol(fleetToken, "nas-e4", second), 409, "Appliance nas-e4 is already"
                + " enrolled with another key; an admin must issue a re-key token"
                + " (POST /api/v1/appliances/nas-e4/rekey).");

        assertThat(post("/api/v1/appliances/nas-e4/rekey", null, "").statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/appliances/nas-e9/rekey", admin, "").statusCode()).isEqualTo(404);
        HttpResponse<String> rekey = post("/api/v1/appliances/nas-e4/rekey", admin,
                "{\"ttl\":\"PT5M\"}");
        assertThat(rekey.statusCode()).as(rekey.body()).isEqualTo(201);
        JsonNode rekeyToken = JSON.readTree(rekey.body());
        assertThat(rekeyToken.get("purpose").asText()).isEqualTo("rekey");
        assertThat(rekeyToken.get("fleet").asText()).isEqualTo("lab");

        assertThat(enrol(rekeyToken.get("token").asText(), "nas-e4", second).statusCode())
                .isEqualTo(201);
        assertProblem(enrol(fleetToken, "nas-e4", first), 409, "Appliance nas-e4 is already"
                + " enrolled with another key; an admin must issue a re-key token"
                + " (POST /api/v1/appliances/nas-e4/rekey).");

        // From now on only the new key signs for nas-e4.
        TestSnapshots.Sealed old = TestSnapshots.seal(dir, "nas-e4", "lab",
                Map.of("config.db", "old key"), ingest.publicKey(), first.secret());
        TestSnapshots.Sealed current = TestSnapshots.seal(dir, "nas-e4", "lab",
                Map.of("config.db", "new key"), ingest.publicKey(), second.secret());
        publish(stack, old.records(4096));
        publish(stack, current.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/appliances/nas-e4/snapshots").body()
                        .contains(current.id().toString()));
        assertThat(get("/api/v1/appliances/nas-e4/snapshots").body())
                .doesNotContain(old.id().toString());
    }

    @Test
    void onlyTheEnrolmentEndpointWorksWithoutTheAdminTokenAndBodiesAreChecked() throws Exception {
        assertThat(post("/api/v1/enrolment-tokens", null, "{\"fleet\":\"lab\"}").statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/enrolment-tokens", "wrong-token-wrong-token",
                "{\"fleet\":\"lab\"}").statusCode()).isEqualTo(401);
        assertProblem(post("/api/v1/enrolment-tokens", admin, "{\"fleet\":\"../x\"}"), 400,
                "Invalid fleet.");
        assertProblem(post("/api/v1/enrolment-tokens", admin,
                "{\"fleet\":\"lab\",\"ttl\":\"P90D\"}"), 400,
                "ttl must be positive and at most PT720H.");
        assertProblem(post("/api/v1/enrolment-tokens", admin,
                "{\"fleet\":\"lab\",\"ttl\":\"1 day\"}"), 400,
                "ttl must be an ISO-8601 duration such as PT24H.");
        assertProblem(post("/api/v1/appliances/NAS%201/rekey", admin, ""), 400,
                "Invalid appliance id.");

        Keys appliance = Keys.generate("nas-e5");
        String token = token("{\"fleet\":\"lab\"}");
        assertProblem(enrol(token, "../nas", appliance), 400,
                "Invalid appliance id: use 1-63 lower-case letters, digits, '.', '_' or '-'.");
        ObjectNode secretKey = body(token, "nas-e5", appliance.generated().armoredSecretKey());
        HttpResponse<String> secret = post("/api/v1/enrolments", null, secretKey.toString());
        assertThat(secret.statusCode()).isEqualTo(400);
        assertThat(secret.body()).startsWith("{").contains("publicKey is not a usable OpenPGP"
                + " public key").doesNotContain("PRIVATE KEY").doesNotContain(token);
        assertProblem(post("/api/v1/enrolments", null, "{\"token\": 5}"), 400,
                "token must be a string.");
        assertProblem(post("/api/v1/enrolments", null, "{\"token\":\"a\",\"extra\":1}"), 400,
                "Unknown field in the request body (allowed: applianceId, publicKey, token).");
        assertProblem(post("/api/v1/enrolments", null, "{not json"), 400,
                "The request body is not valid JSON.");
        ObjectNode huge = body(token, "nas-e5", "x".repeat(70_000));
        assertThat(post("/api/v1/enrolments", null, huge.toString()).statusCode()).isEqualTo(413);
        // The token was not used up by any of the refused requests.
        assertThat(enrol(token, "nas-e5", appliance).statusCode()).isEqualTo(201);
    }

    private static String token(String request) throws Exception {
        HttpResponse<String> response = post("/api/v1/enrolment-tokens", admin, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        EXPIRIES.put(body.get("token").asText(), body.get("expiresAt").asText());
        return body.get("token").asText();
    }

    static final Map<String, String> EXPIRIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String issuedExpiry(String token) {
        return EXPIRIES.get(token);
    }

    private static HttpResponse<String> enrol(String token, String applianceId, Keys key)
            throws Exception {
        return post("/api/v1/enrolments", null,
                body(token, applianceId, key.generated().armoredPublicKey()).toString());
    }

    private static ObjectNode body(String token, String applianceId, String publicKey) {
        return JSON.createObjectNode().put("token", token).put("applianceId", applianceId)
                .put("publicKey", publicKey);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("detail").asText()).isEqualTo(detail);
    }

    private static HttpResponse<String> post(String path, String bearer, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void publish(LocalStack stack, List<EncodedRecord> records) throws Exception {
        try (SnapshotPublisher publisher = new SnapshotPublisher(stack, TOPIC)) {
            publisher.publish(records);
        }
    }
}
