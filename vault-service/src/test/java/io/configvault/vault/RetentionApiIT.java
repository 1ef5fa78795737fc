package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.retention.AppliancePlan;
import io.configvault.vault.retention.Candidate;
import io.configvault.vault.retention.Decision;
import io.configvault.vault.retention.Reason;
import io.configvault.vault.retention.RetentionException;
import io.configvault.vault.retention.RetentionService;
import io.configvault.vault.testing.FakeRetentionService;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview and run endpoints of a real vault, in front of a {@link FakeRetentionService}
 * (the planner and the pass have their own tests): parameters checked before the service is
 * asked, the answers' JSON, and a service that cannot run answered 503 without its reason.
 */
@ExtendWith(StackExtension.class)
class RetentionApiIT {

    static final String NAME = "vault-retention-api-" + UUID.randomUUID().toString()
            .substring(0, 8);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    static final SnapshotId NEWEST = SnapshotId.mint(Clock.fixed(AT.minusSeconds(60),
            ZoneOffset.UTC));
    static final SnapshotId OLDEST = SnapshotId.mint(Clock.fixed(AT.minusSeconds(86_400 * 3),
            ZoneOffset.UTC));

    @TempDir
    static Path dir;

    static EmbeddedServer server;
    static FakeRetentionService retention;
    static String token;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        TestVault settings = new TestVault(stack, dir, NAME).withoutEscrow();
        settings.config.put(FakeRetentionService.PROPERTY, "true");
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        retention = server.getApplicationContext().getBean(FakeRetentionService.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @BeforeEach
    void answerNormally() {
        retention.fail(null);
        retention.answer(new RetentionService.PreviewPage(AT, List.of(plan()), "nas-1"));
    }

    @Test
    void thePreviewShowsPerApplianceWhatIsKeptWhyAndWhatIsDeleted() throws Exception {
        HttpResponse<byte[]> answer = get("/api/v1/retention/preview?fleet=lab&appliance=nas-1"
                + "&after=nas-0&limit=7");

        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        assertThat(retention.lastPreview())
                .isEqualTo(new FakeRetentionService.PreviewCall("lab", "nas-1", "nas-0", 7));
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("""
                {"at": "2026-11-22T10:00:00Z", "next": "nas-1", "appliances": [
                  {"applianceId": "nas-1", "policy": "fleet:lab", "burstSnapshots": 0,
                   "warnings": ["nas-1: clock ahead"],
                   "keep": [{"snapshotId": "%s", "capturedAt": "2026-11-22T09:59:00Z",
                             "trigger": "MANUAL",
                             "reasons": ["keep-last", "keep-daily 2026-11-22"]}],
                   "delete": [{"snapshotId": "%s", "capturedAt": "2026-11-19T10:00:00Z",
                               "trigger": "SCHEDULE"}]}]}
                """.formatted(NEWEST, OLDEST)));
    }

    @Test
    void aPreviewWithoutParametersAsksForAllAppliancesAHundredAtATime() throws Exception {
        retention.answer(new RetentionService.PreviewPage(AT, List.of(), null));

        HttpResponse<byte[]> answer = get("/api/v1/retention/preview");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(retention.lastPreview())
                .isEqualTo(new FakeRetentionService.PreviewCall(null, null, null, 100));
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree(
                "{\"at\": \"2026-11-22T10:00:00Z\", \"appliances\": [], \"next\": null}"));
    }

    @Test
    void badPreviewParametersAre400AndTheServiceIsNotAsked() throws Exception {
        get("/api/v1/retention/preview?limit=1");
        FakeRetentionService.PreviewCall before = retention.lastPreview();
        String names = ": use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit.";

        for (String limit : List.of("0", "1001", "-1", "ten", "", "99999999999")) {
            assertProblem(get("/api/v1/retention/preview?limit=" + limit), 400,
                    "limit must be a whole number from 1 to 1000.");
        }
        assertProblem(get("/api/v1/retention/preview?fleet=Lab"), 400, "Invalid fleet" + names);
        assertProblem(get("/api/v1/retention/preview?fleet="), 400, "Invalid fleet" + names);
        assertProblem(get("/api/v1/retention/preview?appliance=..%2Fetc"), 400,
                "Invalid appliance" + names);
        assertProblem(get("/api/v1/retention/preview?after=" + "a".repeat(64)), 400,
                "Invalid after" + names);
        assertThat(retention.lastPreview()).isSameAs(before);
    }

    @Test
    void aRunAnswersWithThePassReportAndNamesTheActor() throws Exception {
        retention.answer(new RetentionService.PassReport(AT, AT.plusSeconds(2), null, 10, 4, 5,
                List.of("snapshot x: bucket unavailable"), List.of("nas-3: burst of 30")));

        HttpResponse<byte[]> answer = VaultHttp.post(server, "/api/v1/retention/run", token);

        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        assertThat(retention.lastActor()).isEqualTo("admin");
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.readTree("""
                {"startedAt": "2026-11-22T10:00:00Z", "finishedAt": "2026-11-22T10:00:02Z",
                 "refusal": null, "appliances": 10, "tombstoned": 4, "deleted": 5,
                 "failed": ["snapshot x: bucket unavailable"], "warnings": ["nas-3: burst of 30"]}
                """));
    }

    @Test
    void aRefusedRunSaysWhy() throws Exception {
        retention.answer(new RetentionService.PassReport(AT, AT, "the vault's clock is 2 hours"
                + " behind the newest stored snapshot", 0, 0, 0, List.of(), List.of()));

        JsonNode report = JSON.readTree(VaultHttp.post(server, "/api/v1/retention/run", token)
                .body());

        assertThat(report.get("refusal").asText()).startsWith("the vault's clock is 2 hours");
        assertThat(report.get("failed").isArray()).isTrue();
    }

    @Test
    void aServiceThatCannotRunIs503WithoutItsInternals() throws Exception {
        retention.fail(new RetentionException("Cannot read catalog /var/lib/secret-path/catalog.db",
                new IllegalStateException("SQLITE_BUSY")));

        HttpResponse<byte[]> preview = get("/api/v1/retention/preview");
        HttpResponse<byte[]> run = VaultHttp.post(server, "/api/v1/retention/run", token);

        assertProblem(preview, 503, "The retention preview cannot run now (the catalog or the"
                + " bucket is unavailable); try again later.");
        assertProblem(run, 503, "The retention pass cannot run now (the catalog or the bucket is"
                + " unavailable); the next pass finishes what it left undone. Try again later.");
        for (HttpResponse<byte[]> answer : List.of(preview, run)) {
            assertThat(text(answer)).doesNotContain("secret-path").doesNotContain("SQLITE");
        }
    }

    private static AppliancePlan plan() {
        Candidate newest = new Candidate(NEWEST, 9, Trigger.MANUAL, AT.minusSeconds(60),
                AT.minusSeconds(50), "Europe/Berlin", false, true, null);
        Candidate oldest = new Candidate(OLDEST, 1, Trigger.SCHEDULE, AT.minusSeconds(86_400 * 3),
                AT.minusSeconds(86_400 * 3 - 10), "Europe/Berlin", false, false, null);
        return new AppliancePlan("nas-1", "fleet:lab",
                List.of(new Decision(newest, List.of(Reason.of("keep-last"),
                        new Reason("keep-daily", "2026-11-22")))),
                List.of(new Decision(oldest, List.of())), List.of("nas-1: clock ahead"), 0);
    }

    private static void assertProblem(HttpResponse<byte[]> answer, int status, String detail)
            throws Exception {
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).get("detail").asText()).isEqualTo(detail);
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return VaultHttp.get(server, path, token);
    }
}
