package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.config.FleetSettings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.fleet.FleetView;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micronaut.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet view's controllers with a caller of limited fleets (named tokens come with the access
 * part): another fleet's appliance or snapshot is a 404 identical to an unknown one, and the
 * attempt is audited; statuses with a clock the test moves.
 */
class FleetControllersTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Caller LAB = new Caller("t-1", "lab-viewer", Role.VIEWER, Set.of("lab"));
    static final Keys STORAGE = Keys.generate("storage");

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final MutableClock clock = new MutableClock(T0);
    final InMemoryBlobStore store = new InMemoryBlobStore();
    ApplianceController appliances;
    SnapshotController snapshots;

    @BeforeEach
    void controllers() throws Exception {
        FleetView view = new FleetView(catalog, catalog, catalog, clock,
                new FleetSettings(Duration.ofHours(26), Duration.ofMinutes(1)));
        FleetGuard guard = new FleetGuard(new ApiAudit(catalog, clock));
        appliances = new ApplianceController(view, guard);
        VaultKeys vaultKeys = new VaultKeys(STORAGE.secret(), STORAGE.secret(), List.of());
        SnapshotRetriever retriever = new SnapshotRetriever(store, vaultKeys,
                new StorageSettings(dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 20));
        snapshots = new SnapshotController(catalog, catalog, catalog, retriever, guard, catalog,
                new SnapshotManifests(catalog, retriever));
        for (String id : List.of("lab-1", "lab-2", "lab-3")) {
            catalog.enrol(new Appliance(id, "lab", "KEY", "FP-" + id, T0));
        }
        catalog.enrol(new Appliance("prod-1", "prod", "KEY", "FP-prod-1", T0));
    }

    static HttpRequest<?> request(Caller caller) {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/appliances");
        Caller.record(request, caller);
        return request;
    }

    SnapshotRecord snapshot(String appliance, String fleet, Instant at) throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(at, ZoneOffset.UTC));
        SnapshotRecord row = new SnapshotRecord(id, appliance, fleet, 1, Trigger.SCHEDULE, at,
                "UTC", null, true, 10, "a".repeat(64), 20, "b".repeat(64),
                "snapshots/" + fleet + "/" + appliance + "/" + id, "FP", at, null, null);
        catalog.insert(row);
        catalog.recordSeen(new ApplianceSeen(appliance, at, id, "c".repeat(64)));
        return row;
    }

    @Test
    void anotherFleetsApplianceIsA404LikeAnUnknownOneAndTheAttemptIsAudited() throws Exception {
        var denied = catchProblem(() -> appliances.show("prod-1", request(LAB)));
        var unknown = catchProblem(() -> appliances.show("nas-99", request(LAB)));

        assertThat(denied.status().getCode()).isEqualTo(404);
        assertThat(denied.getMessage()).isEqualTo("No appliance prod-1.");
        assertThat(unknown.getMessage()).isEqualTo("No appliance nas-99.");
        assertThat(denied.title()).isEqualTo(unknown.title());
        assertThat(catalog.recentAudit(10)).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("lab-viewer");
            assertThat(r.action()).isEqualTo("appliance.read");
            assertThat(r.target()).isEqualTo("prod-1");
            assertThat(r.outcome()).isEqualTo("denied");
        });
        assertThat(appliances.show("prod-1", request(Caller.admin())).fleet()).isEqualTo("prod");
    }

    @Test
    void anotherFleetsSnapshotsAre404sAndAudited() throws Exception {
        SnapshotRecord prod = snapshot("prod-1", "prod", T0.minusSeconds(60));

        var list = catchProblem(() -> snapshots.list("prod-1", request(LAB), null, null, null,
                null, null, 10));
        var show = catchProblem(() -> snapshots.show(prod.id().toString(), request(LAB)));
        var unknownSnapshot = SnapshotId.mint(Clock.fixed(T0, ZoneOffset.UTC));
        var missing = catchProblem(() -> snapshots.show(unknownSnapshot.toString(),
                request(LAB)));

        assertThat(list.getMessage()).isEqualTo("No appliance prod-1.");
        assertThat(show.status().getCode()).isEqualTo(404);
        assertThat(show.getMessage()).isEqualTo("No snapshot " + prod.id() + ".");
        assertThat(missing.getMessage()).isEqualTo("No snapshot " + unknownSnapshot + ".");
        assertThat(catalog.recentAudit(10)).extracting(AuditRecord::action,
                AuditRecord::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("snapshot.read", "denied"),
                        org.assertj.core.groups.Tuple.tuple("snapshot.list", "denied"));
    }

    @Test
    void theListShowsOnlyTheCallersFleetsAndPagesByCursor() throws Exception {
        var page = appliances.list(request(LAB), null, null, null, 2);
        assertThat(page.items()).extracting(ApplianceView::id).containsExactly("lab-1", "lab-2");
        assertThat(page.next()).isEqualTo("lab-2");
        var rest = appliances.list(request(LAB), null, null, page.next(), 2);
        assertThat(rest.items()).extracting(ApplianceView::id).containsExactly("lab-3");
        assertThat(rest.next()).isNull();

        assertThat(appliances.list(request(LAB), "prod", null, null, 10).items()).isEmpty();
        assertThat(appliances.list(request(Caller.admin()), "prod", null, null, 10).items())
                .extracting(ApplianceView::id).containsExactly("prod-1");
        assertThat(appliances.list(request(Caller.admin()), null, null, null, 10).items())
                .hasSize(4);
    }

    @Test
    void everyStatusAsTheClockMoves() throws Exception {
        SnapshotRecord healthy = snapshot("lab-1", "lab", T0.minusSeconds(60));
        SnapshotRecord failing = snapshot("lab-2", "lab", T0.minusSeconds(60));
        catalog.recordVerification(new Verification(failing.id(), T0, Verification.Outcome.FAILED,
                Verification.Trigger.SAMPLER, "digest differs"));
        catalog.recordAgent("lab-1", T0.minusSeconds(60), "1.4.2");

        assertThat(statuses()).containsExactly("healthy", "failing", "never");
        ApplianceView one = appliances.show("lab-1", request(LAB));
        assertThat(one.agentVersion()).isEqualTo("1.4.2");
        assertThat(one.restorable()).isTrue();
        assertThat(one.lastSnapshot().id()).isEqualTo(healthy.id().toString());
        assertThat(one.lastSeenAt()).isEqualTo(T0.minusSeconds(60).toString());
        assertThat(one.lastError()).isNull();
        assertThat(appliances.list(request(LAB), null, "failing", null, 10).items())
                .extracting(ApplianceView::id).containsExactly("lab-2");

        clock.advance(Duration.ofHours(27));
        assertThat(statuses()).containsExactly("stale", "failing", "never");

        catalog.recordRefusal(new ApplianceError("lab-1", clock.instant(), "signature",
                "signed by another key"));
        assertThat(statuses()).containsExactly("failing", "failing", "never");
        assertThat(appliances.show("lab-1", request(LAB)).lastError())
                .isEqualTo(new ApplianceView.LastError(clock.instant().toString(), "signature",
                        "signed by another key"));
        assertThat(appliances.list(request(LAB), null, "stale", null, 10).items()).isEmpty();
    }

    @Test
    void malformedParametersAre400sNamingThem() throws Exception {
        assertThat(catchProblem(() -> appliances.list(request(LAB), null, "sick", null, 10))
                .getMessage()).startsWith("Invalid status");
        assertThat(catchProblem(() -> appliances.list(request(LAB), "../x", null, null, 10))
                .getMessage()).startsWith("Invalid fleet");
        assertThat(catchProblem(() -> appliances.list(request(LAB), null, null, "a/b", 10))
                .getMessage()).startsWith("Invalid after");
        assertThat(catchProblem(() -> appliances.list(request(LAB), null, null, null, 1001))
                .getMessage()).isEqualTo("limit must be between 1 and 1000.");
        assertThat(catchProblem(() -> appliances.list(request(LAB), null, null, null, 0))
                .status().getCode()).isEqualTo(400);
        for (String[] bad : new String[][] {{"yesterday", null, null, null, "from"},
                {null, "2026-13-01T00:00:00Z", null, null, "to"},
                {"2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z", null, null, "from"},
                {null, null, "hourly", null, "trigger"},
                {null, null, null, "", "label"}}) {
            assertThat(catchProblem(() -> snapshots.list("lab-1", request(LAB), bad[0], bad[1],
                    bad[2], bad[3], null, 10)).getMessage()).startsWith("Invalid " + bad[4]);
        }
        assertThat(catchProblem(() -> snapshots.list("lab-1", request(LAB), null, null, null,
                null, "bm90LWEtY3Vyc29y", 10)).getMessage()).startsWith("Invalid cursor");
    }

    @Test
    void aManifestNeitherTheCatalogNorTheObjectCanGiveIsA503OrA500() throws Exception {
        SnapshotRecord unkeyed = snapshot("lab-1", "lab", T0.minusSeconds(60));
        ApiProblem noKey = catchProblem(() -> snapshots.show(unkeyed.id().toString(),
                request(LAB)));
        assertThat(noKey.status().getCode()).isEqualTo(503);
        assertThat(noKey.getMessage()).contains("storage key this vault does not have");

        SnapshotId id = SnapshotId.mint(Clock.fixed(T0, ZoneOffset.UTC));
        SnapshotRecord damaged = new SnapshotRecord(id, "lab-2", "lab", 1, Trigger.SCHEDULE, T0,
                "UTC", null, true, 10, "a".repeat(64), 20, "b".repeat(64),
                "snapshots/lab/lab-2/" + id, STORAGE.publicKey().fingerprint(), T0, null, null);
        catalog.insert(damaged);
        store.create(damaged.objectKey(), Files.writeString(dir.resolve("o"), "garbage"), "",
                java.util.Map.of(), null);
        ApiProblem integrity = catchProblem(() -> snapshots.show(id.toString(), request(LAB)));
        assertThat(integrity.status().getCode()).isEqualTo(500);
        assertThat(integrity.getMessage()).isEqualTo("Snapshot " + id + " failed verification;"
                + " its manifest is not shown.");
    }

    private List<String> statuses() throws Exception {
        return appliances.list(request(LAB), null, null, null, 10).items().stream()
                .map(ApplianceView::status).toList();
    }

    private static ApiProblem catchProblem(ThrowingCall call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            return problem;
        } catch (Exception e) {
            throw new AssertionError("expected an ApiProblem, got " + e, e);
        }
        throw new AssertionError("expected an ApiProblem, got an answer");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }
}
