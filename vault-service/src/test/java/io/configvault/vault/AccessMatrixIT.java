package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.LocalStack;
import io.configvault.vault.AccessMatrix.Call;
import io.configvault.vault.AccessMatrix.Endpoint;
import io.configvault.vault.AccessMatrix.Who;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix (scenario 29) and the attacks of scenarios 30 and 31 (odd ids,
 * oversized bodies and pages, download bursts). The matrix: every API endpoint × {no token, an
 * invalid token, a revoked token, viewer / operator / admin of the resource's fleet, viewer /
 * operator / admin of another fleet, admin of all fleets} → the expected status, against a real vault (real broker,
 * real S3 server, real SQLite) with two fleets ({@code lab}: nas-1, {@code edge}: nas-2) and a
 * snapshot in each.
 *
 * <p>{@link AccessMatrix#endpoints} MUST name every route the vault's {@link Router} knows under
 * {@code /api/}: {@link #theTableCoversEveryApiRoute} fails for a route missing from it. Whoever
 * adds an endpoint adds its row there (method, route template, a concrete request, the least
 * role, how fleets apply, the status of success).
 */
@ExtendWith(StackExtension.class)
class AccessMatrixIT {

    static final String NAME = "vault-access-" + UUID.randomUUID().toString().substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static String lab;
    static final Map<Who, String> TOKENS = new LinkedHashMap<>();
    static final AtomicInteger COUNTER = new AtomicInteger();

    static final List<Endpoint> ENDPOINTS = AccessMatrix.endpoints(new AccessMatrix.Vault() {
        @Override
        public String lab() {
            return lab;
        }

        @Override
        public HttpResponse<byte[]> admin(String method, String path, String body)
                throws Exception {
            return AccessMatrixIT.admin(method, path, body);
        }

        @Override
        public String[] token(String role, String fleet) throws Exception {
            return AccessMatrixIT.token(role, fleet);
        }
    });


    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        TestVault settings = new TestVault(stack, dir, NAME).withoutEscrow();
        settings.config.put("vault.appliances[1].fleet", "edge");
        settings.config.put("vault.api.download-burst", "4");
        settings.config.put("vault.api.downloads-per-minute", "1");
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        TOKENS.put(Who.NONE, null);
        TOKENS.put(Who.INVALID, "cvt_" + "A".repeat(43));
        TOKENS.put(Who.ALL_ADMIN, settings.adminToken());
        String[] revoked = token("operator", "lab");
        assertThat(send("DELETE", "/api/v1/tokens/" + revoked[0], settings.adminToken(), null)
                .statusCode()).isEqualTo(204);
        TOKENS.put(Who.REVOKED, revoked[1]);
        for (Who who : Who.values()) {
            if (who.valid() && who != Who.ALL_ADMIN) {
                TOKENS.put(who, token(who.role().name().toLowerCase(java.util.Locale.ROOT),
                        who.name().startsWith("LAB") ? "lab" : "edge")[1]);
            }
        }
        publisher = new SnapshotPublisher(stack, TestVault.topic(NAME));
        var labSnapshot = TestSnapshots.seal(dir, "nas-1", "lab", Map.of("app.conf", "x=1\n"),
                settings.ingest.publicKey(), settings.nas1.secret());
        var edgeSnapshot = TestSnapshots.seal(dir, "nas-2", "edge", Map.of("app.conf", "y=2\n"),
                settings.ingest.publicKey(), settings.nas2.secret());
        publisher.publish(labSnapshot.records(4096));
        publisher.publish(edgeSnapshot.records(4096));
        Catalog catalog = server.getApplicationContext().getBean(Catalog.class);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                catalog.snapshot(labSnapshot.id()).isPresent()
                        && catalog.snapshot(edgeSnapshot.id()).isPresent());
        lab = labSnapshot.id().toString();
        assertThat(admin("POST", "/api/v1/snapshots/" + lab + "/verify", null).statusCode())
                .isEqualTo(200);
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
    void theTableCoversEveryApiRoute() {
        Set<String> routes = apiRoutes();
        Set<String> table = ENDPOINTS.stream().map(Endpoint::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(table).as("rows of AccessMatrix.endpoints without a route").isSubsetOf(routes);
        assertThat(routes).as("API routes missing from AccessMatrix.endpoints: add a row")
                .isSubsetOf(table);
    }

    @Test
    void everyApiRouteButEnrolmentDeclaresARole() {
        Router router = server.getApplicationContext().getBean(Router.class);
        List<String> undeclared = router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(r -> !r.getAnnotationMetadata()
                        .hasAnnotation(io.configvault.vault.api.Allowed.class))
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .distinct().toList();
        assertThat(undeclared).containsExactly("POST /api/v1/enrolments");
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Who who : Who.values()) {
                Call call = endpoint.prepare().call();
                HttpResponse<byte[]> answer = send(call.method(), call.path(), TOKENS.get(who),
                        call.body());
                int expected = AccessMatrix.expected(endpoint, who);
                if (answer.statusCode() != expected) {
                    wrong.add(endpoint.key() + " as " + who + ": " + answer.statusCode()
                            + " (expected " + expected + ") " + text(answer));
                }
                checkAnswer(endpoint, who, answer, wrong);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anotherFleetsSnapshotAnswersAsAMissingOneAndTheAttemptIsAudited() throws Exception {
        HttpResponse<byte[]> created = admin("POST", "/api/v1/tokens", "{\"name\":"
                + " \"edge-probe\", \"role\": \"operator\", \"fleets\": [\"edge\"]}");
        String probe = JSON.readTree(created.body()).get("token").asText();
        String unknown = io.configvault.shared.snapshot.SnapshotId
                .mint(java.time.Clock.systemUTC()).toString();

        HttpResponse<byte[]> other = send("GET", "/api/v1/snapshots/" + lab + "/content", probe,
                null);
        HttpResponse<byte[]> missing = send("GET", "/api/v1/snapshots/" + unknown + "/content",
                probe, null);

        assertThat(other.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(404);
        assertThat(text(other).replace(lab, "ID")).isEqualTo(text(missing).replace(unknown, "ID"));
        var record = server.getApplicationContext()
                .getBean(io.configvault.vault.catalog.AuditLog.class).recentAudit(10).stream()
                .filter(r -> r.actor().equals("edge-probe") && r.target().equals(lab))
                .findFirst().orElseThrow();
        assertThat(record.action()).isEqualTo("snapshot.download");
        assertThat(record.target()).isEqualTo(lab);
        assertThat(record.outcome()).isEqualTo("denied");
        assertThat(record.detail()).contains("fleet lab is not visible to this token")
                .doesNotContain(probe);
    }

    @Test
    void oddIdsAre400BeforeAnyTokenOrCatalogIsAsked() throws Exception {
        List<String> paths = List.of(
                "/api/v1/snapshots/" + lab + "/entries/../../etc/passwd",
                "/api/v1/snapshots/%2e%2e%2f%2e%2e%2fetc/content",
                "/api/v1/snapshots/%252e%252e%252fetc/content",
                "/api/v1/appliances/nas-1%2fsnapshots",
                "/api/v1/appliances/nas-1%5c..%5cx",
                "/api/v1/appliances/nas-1%00",
                "/api/v1/appliances/" + "a".repeat(129),
                "/api/v1/snapshots/" + lab + "/entries/app.conf%00.txt",
                "/api/v1/retention-policies/fleet:lab%2f..%2fvault");
        for (String path : paths) {
            for (Who who : List.of(Who.NONE, Who.ALL_ADMIN)) {
                HttpResponse<byte[]> answer = send("GET", path, TOKENS.get(who), null);
                assertThat(answer.statusCode()).as(path + " as " + who + ": " + text(answer))
                        .isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .contains("application/problem+json");
                assertThat(JSON.readTree(answer.body()).get("detail").asText())
                        .startsWith("The request path is refused: ");
            }
        }
    }

    @Test
    void oversizedBodiesAre413Problems() throws Exception {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        String large = "{\"name\": \"" + "x".repeat(100 * 1024) + "\"}";
        for (String body : List.of(huge, large)) {
            HttpResponse<byte[]> answer = admin("POST", "/api/v1/tokens", body);
            assertThat(answer.statusCode()).as(text(answer)).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .contains("application/problem+json");
        }
    }

    @Test
    void pageSizesAboveTheMaximumAre400() throws Exception {
        for (String path : List.of("/api/v1/appliances/nas-1/snapshots?limit=1001",
                "/api/v1/tokens?limit=1001", "/api/v1/retention/preview?limit=1001")) {
            HttpResponse<byte[]> answer = admin("GET", path, null);
            assertThat(answer.statusCode()).as(path + ": " + text(answer)).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).get("detail").asText()).contains("1000");
        }
    }

    @Test
    void downloadBurstsOfOneTokenAre429WithRetryAfter() throws Exception {
        String burst = token("operator", "lab")[1];
        String content = "/api/v1/snapshots/" + lab + "/content";
        for (int i = 0; i < 4; i++) {
            assertThat(send("GET", content, burst, null).statusCode()).isEqualTo(200);
        }

        HttpResponse<byte[]> refused = send("POST", "/api/v1/snapshots/" + lab + "/verify",
                burst, null);

        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After")
                .orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).isEqualTo("This token"
                + " has used up its download allowance; try again in " + retryAfter
                + " seconds.");
        assertThat(send("GET", content, token("operator", "lab")[1], null).statusCode())
                .as("another token has its own allowance").isEqualTo(200);
        assertThat(send("GET", "/api/v1/snapshots/" + lab, burst, null).statusCode())
                .as("metadata is not limited").isEqualTo(200);
    }

    @Test
    void headRequestsGetTheChecksOfTheirGet() throws Exception {
        String content = "/api/v1/snapshots/" + lab + "/content";
        assertThat(send("HEAD", content, TOKENS.get(Who.LAB_VIEWER), null).statusCode())
                .isEqualTo(403);
        assertThat(send("HEAD", content, null, null).statusCode()).isEqualTo(401);
        assertThat(send("HEAD", "/api/v1/appliances/nas-1", TOKENS.get(Who.EDGE_VIEWER), null)
                .statusCode()).isEqualTo(404);
    }


    /** Errors are problems without traces or secrets; downloads are not cached. */
    static void checkAnswer(Endpoint endpoint, Who who, HttpResponse<byte[]> answer,
                            List<String> wrong) {
        String body = text(answer);
        if (answer.statusCode() >= 400) {
            String type = answer.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json") || body.contains("Exception")
                    || body.contains("\tat ") || TOKENS.values().stream()
                    .anyMatch(t -> t != null && body.contains(t))) {
                wrong.add(endpoint.key() + " as " + who + ": not a clean problem: " + body);
            }
        }
        boolean download = endpoint.template().endsWith("/content")
                || endpoint.template().contains("/entries/");
        if (download && answer.statusCode() == 200 && !answer.headers()
                .firstValue("Cache-Control").orElse("").equals("no-store")) {
            wrong.add(endpoint.key() + " as " + who + ": a download without no-store");
        }
    }

    /**
     * The API routes but Micronaut's HEAD twins of GET routes: those run the GET method (same
     * annotations, so the same checks; see the attack tests) and answer without a body.
     */
    static Set<String> apiRoutes() {
        Router router = server.getApplicationContext().getBean(Router.class);
        return router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/"))
                .filter(r -> !r.getHttpMethodName().equals("HEAD"))
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** @return {id, secret} of a new token */
    static String[] token(String role, String fleet) throws Exception {
        HttpResponse<byte[]> created = admin("POST", "/api/v1/tokens", "{\"name\": \"m"
                + COUNTER.incrementAndGet() + "\", \"role\": \"" + role + "\", \"fleets\": [\""
                + fleet + "\"]}");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode json = JSON.readTree(created.body());
        return new String[] {json.get("id").asText(), json.get("token").asText()};
    }

    static HttpResponse<byte[]> admin(String method, String path, String body) throws Exception {
        return send(method, path, TOKENS.get(Who.ALL_ADMIN), body);
    }

    static HttpResponse<byte[]> send(String method, String path, String bearer, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
