package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.command.SignedSnapshotCommand;
import io.configvault.shared.command.SnapshotCommand;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.SnapshotRequestSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.requests.CommandPublisher;
import io.configvault.vault.requests.SnapshotRequests;
import io.configvault.vault.testing.MutableClock;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot request endpoints against an in-memory catalog and a recording publisher: what
 * is recorded, signed and published, the 400 and 404 paths (another fleet answers exactly like a
 * missing thing and is audited {@code denied}), 503 when the topic does not take the request.
 */
class SnapshotRequestControllerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final char[] PASSPHRASE = "test-only".toCharArray();
    static final Caller LAB_OPERATOR = new Caller("t1", "ops", Role.OPERATOR, Set.of("lab"));

    static PgpSecretKey ingest;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final MutableClock clock = new MutableClock(T0);
    final RecordingPublisher published = new RecordingPublisher();
    SnapshotRequestController controller;

    @BeforeAll
    static void key() throws Exception {
        var generated = OpenPgpKeys.generate("ingest-test-only", PASSPHRASE);
        ingest = OpenPgpKeys.readSecretKey(generated.armoredSecretKey(), PASSPHRASE);
    }

    @BeforeEach
    void setUp() throws Exception {
        for (String id : List.of("nas-1", "nas-2", "nas-3")) {
            catalog.enrol(new Appliance(id, "lab", "key", "fp-" + id, T0));
        }
        catalog.enrol(new Appliance("prod-1", "prod", "key", "fp-p", T0));
        SnapshotRequests requests = new SnapshotRequests(catalog, published,
                new VaultKeys(ingest, ingest, List.of()),
                new SnapshotRequestSettings(Duration.ofHours(1)), clock);
        controller = new SnapshotRequestController(catalog, catalog, requests,
                new ApiAudit(catalog, clock), clock);
    }

    @Test
    void aFleetRequestIsRecordedSignedAndPublishedOncePerAppliance() throws Exception {
        var response = controller.forFleet("lab", body("{\"label\":\"before upgrade\"}"),
                request(LAB_OPERATOR));

        assertThat(response.code()).isEqualTo(202);
        SnapshotRequestView view = response.body();
        assertThat(view.status()).isEqualTo("pending");
        assertThat(view.scope()).isEqualTo("fleet");
        assertThat(view.requestedBy()).isEqualTo("ops");
        assertThat(view.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)).toString());
        assertThat(view.appliances()).extracting(SnapshotRequestView.Target::applianceId)
                .containsExactly("nas-1", "nas-2", "nas-3");
        assertThat(published.commands).extracting(CommandPublisher.Command::applianceId)
                .containsExactly("nas-1", "nas-2", "nas-3");
        SnapshotCommand first = SignedSnapshotCommand.verify(published.commands.getFirst().signed(),
                ingest.publicKey());
        assertThat(first.requestId().toString()).isEqualTo(view.requestId());
        assertThat(first.applianceId()).isEqualTo("nas-1");
        assertThat(first.fleet()).isEqualTo("lab");
        assertThat(first.label()).isEqualTo("before upgrade");
        assertThat(lastAudit().action()).isEqualTo("snapshot-request.create");
        assertThat(lastAudit().target()).isEqualTo("fleet:lab");
        assertThat(lastAudit().outcome()).isEqualTo("ok");
    }

    @Test
    void theRequestShowsFulfilledAndExpiredPerAppliance() throws Exception {
        SnapshotRequestView issued = controller.forFleet("lab", null, request(LAB_OPERATOR))
                .body();
        SnapshotId id = SnapshotId.parse(issued.requestId());
        SnapshotId snapshot = SnapshotId.mint(clock);
        catalog.fulfil(id, "nas-2", snapshot, T0.plusSeconds(30));

        SnapshotRequestView pending = controller.show(id.toString(), null, null,
                request(LAB_OPERATOR));
        clock.advance(Duration.ofHours(2));
        SnapshotRequestView expired = controller.show(id.toString(), null, 2,
                request(LAB_OPERATOR));

        assertThat(pending.status()).isEqualTo("pending");
        assertThat(pending.appliances().get(1)).isEqualTo(new SnapshotRequestView.Target(
                "nas-2", "fulfilled", snapshot.toString(), T0.plusSeconds(30).toString()));
        assertThat(expired.status()).isEqualTo("expired");
        assertThat(expired.appliances()).extracting(SnapshotRequestView.Target::status)
                .containsExactly("expired", "fulfilled");
        assertThat(expired.next()).isEqualTo("nas-2");
    }

    /** A page of fulfilled appliances does not make a request fulfilled while others wait. */
    @Test
    void theStatusCountsEveryApplianceOfTheRequestNotJustThePage() throws Exception {
        SnapshotRequestView issued = controller.forFleet("lab", null, request(LAB_OPERATOR))
                .body();
        SnapshotId id = SnapshotId.parse(issued.requestId());
        List<String> targets = catalog.snapshotRequest(id, null, 100).stream()
                .map(row -> row.applianceId()).toList();
        for (String appliance : targets.subList(0, targets.size() - 1)) {
            catalog.fulfil(id, appliance, SnapshotId.mint(clock), T0.plusSeconds(30));
        }

        SnapshotRequestView firstPage = controller.show(id.toString(), null, 1,
                request(LAB_OPERATOR));

        assertThat(firstPage.appliances()).extracting(SnapshotRequestView.Target::status)
                .containsExactly("fulfilled");
        assertThat(firstPage.status()).isEqualTo("pending");
        assertThat(firstPage.appliancesTotal()).isEqualTo(targets.size());
        assertThat(firstPage.appliancesFulfilled()).isEqualTo(targets.size() - 1);

        catalog.fulfil(id, targets.getLast(), SnapshotId.mint(clock), T0.plusSeconds(40));
        assertThat(controller.show(id.toString(), null, 1, request(LAB_OPERATOR)).status())
                .isEqualTo("fulfilled");
    }

    @Test
    void anApplianceRequestAddressesThatApplianceOnly() throws Exception {
        SnapshotRequestView view = controller.forAppliance("nas-2", null, request(LAB_OPERATOR))
                .body();

        assertThat(view.scope()).isEqualTo("appliance");
        assertThat(view.label()).isNull();
        assertThat(published.commands).extracting(CommandPublisher.Command::applianceId)
                .containsExactly("nas-2");
    }

    @Test
    void anotherFleetAnswersLikeAMissingThingAndIsAuditedDenied() throws Exception {
        String requestOfProd = controller.forAppliance("prod-1", null,
                request(Caller.admin())).body().requestId();
        published.commands.clear();

        assertNotFound(() -> controller.forAppliance("prod-1", null, request(LAB_OPERATOR)),
                "No appliance prod-1.");
        assertThat(lastAudit().outcome()).isEqualTo("denied");
        assertNotFound(() -> controller.forAppliance("nas-9", null, request(LAB_OPERATOR)),
                "No appliance nas-9.");
        assertThat(lastAudit().outcome()).isEqualTo("not-found");
        assertNotFound(() -> controller.forFleet("prod", null, request(LAB_OPERATOR)),
                "No fleet prod.");
        assertThat(lastAudit().outcome()).isEqualTo("denied");
        assertNotFound(() -> controller.forFleet("empty", null, request(Caller.admin())),
                "No fleet empty.");
        assertNotFound(() -> controller.show(requestOfProd, null, null, request(LAB_OPERATOR)),
                "No snapshot request " + requestOfProd + ".");
        assertThat(lastAudit().outcome()).isEqualTo("denied");
        String unknown = SnapshotId.mint(clock).toString();
        assertNotFound(() -> controller.show(unknown, null, null, request(LAB_OPERATOR)),
                "No snapshot request " + unknown + ".");
        assertThat(published.commands).isEmpty();
    }

    @Test
    void malformedIdsLabelsAndBodiesAre400() {
        assertBadRequest(() -> controller.forAppliance("..", null, request(LAB_OPERATOR)),
                "Invalid appliance id.");
        assertBadRequest(() -> controller.forFleet("Lab/x", null, request(LAB_OPERATOR)),
                "Invalid fleet.");
        assertBadRequest(() -> controller.forFleet("lab", body("{\"label\":\"  \"}"),
                request(LAB_OPERATOR)), "The label is blank.");
        assertBadRequest(() -> controller.forFleet("lab", body("{\"label\":\"a\\u0007\"}"),
                request(LAB_OPERATOR)), "The label contains a control character.");
        assertBadRequest(() -> controller.forFleet("lab", body("{\"label\":\""
                + "x".repeat(201) + "\"}"), request(LAB_OPERATOR)),
                "The label is longer than 200 characters.");
        assertBadRequest(() -> controller.forFleet("lab", body("{\"lable\":\"x\"}"),
                request(LAB_OPERATOR)), "Unknown field in the request body (allowed: label).");
        assertBadRequest(() -> controller.forFleet("lab", body("{\"label\":7}"),
                request(LAB_OPERATOR)), "label must be a string.");
        assertBadRequest(() -> controller.show("not-a-uuid", null, null, request(LAB_OPERATOR)),
                "Invalid snapshot request id.");
        assertBadRequest(() -> controller.show(SnapshotId.mint(clock).toString(), null, 0,
                request(LAB_OPERATOR)), "limit must lie between 1 and 500.");
        assertBadRequest(() -> controller.show(SnapshotId.mint(clock).toString(), "../x", null,
                request(LAB_OPERATOR)), "Invalid appliance id in after.");
        assertThat(published.commands).isEmpty();
    }

    @Test
    void aTopicThatDoesNotTakeTheRequestIs503AndAuditedFailed() throws Exception {
        published.failing = true;

        assertThatThrownBy(() -> controller.forAppliance("nas-1", null, request(LAB_OPERATOR)))
                .isInstanceOfSatisfying(ApiProblem.class, p ->
                        assertThat(p.status().getCode()).isEqualTo(503))
                .hasMessage("The snapshot request could not be sent to the agents: broker down."
                        + " Try again later.");
        assertThat(lastAudit().outcome()).isEqualTo("failed");
    }

    private AuditRecord lastAudit() throws Exception {
        return catalog.recentAudit(1).getFirst();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                       String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p ->
                assertThat(p.status().getCode()).isEqualTo(404)).hasMessage(message);
    }

    private static void assertBadRequest(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p ->
                assertThat(p.status().getCode()).isEqualTo(400)).hasMessage(message);
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpRequest<?> request(Caller caller) {
        HttpRequest<?> request = HttpRequest.POST("/api/v1/x", "");
        Caller.record(request, caller);
        return request;
    }

    /** Records what would go to the command topic; fails every publish when told to. */
    static final class RecordingPublisher implements CommandPublisher {
        final List<Command> commands = new ArrayList<>();
        boolean failing;

        @Override
        public void publish(List<Command> published) throws CommandPublishException {
            if (failing) {
                throw new CommandPublishException("broker down", null);
            }
            commands.addAll(published);
        }
    }
}
