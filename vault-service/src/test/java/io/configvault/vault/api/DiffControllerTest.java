package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.DiffSettings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.diff.SnapshotDiffer;
import io.configvault.vault.diff.sqlite.SqliteDatabases;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.MutableClock;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micronaut.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet scoping of the diff, which the ITs cannot reach until named tokens exist: a snapshot of a
 * fleet the caller may not see answers exactly like an unknown one, and the attempt is audited.
 * Nothing is retrieved (the in-memory bucket is empty).
 */
class DiffControllerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static Keys storage;

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();

    @BeforeAll
    static void keys() {
        storage = Keys.generate("storage");
    }

    @Test
    void aSnapshotOfAnotherFleetIsTheSame404AsAnUnknownOneAndTheAttemptIsAudited()
            throws Exception {
        SnapshotRecord own = snapshot("lab", 60);
        SnapshotRecord other = snapshot("other", 30);
        SnapshotId unknown = SnapshotId.mint(Clock.fixed(T0, ZoneOffset.UTC));
        DiffController controller = controller();

        ApiProblem denied = catchProblem(controller, own.id().toString(), other.id().toString());
        ApiProblem missing = catchProblem(controller, own.id().toString(), unknown.toString());

        assertThat(denied.status().getCode()).isEqualTo(missing.status().getCode());
        assertThat(denied.status().getCode()).isEqualTo(404);
        assertThat(denied.getMessage()).isEqualTo("No snapshot " + other.id() + ".");
        assertThat(missing.getMessage()).isEqualTo("No snapshot " + unknown + ".");
        List<AuditRecord> audit = catalog.recentAudit(10);
        assertThat(audit).extracting(AuditRecord::action, AuditRecord::outcome, AuditRecord::actor)
                .containsExactly(
                        Tuple.tuple("snapshot.diff", "not-found", "ops"),
                        Tuple.tuple("snapshot.diff", "denied", "ops"));
        assertThat(audit.get(1).target()).isEqualTo(own.id() + ".." + other.id());
    }

    @Test
    void aSnapshotOfAnotherFleetInFirstPlaceIsDeniedToo() throws Exception {
        SnapshotRecord own = snapshot("lab", 60);
        SnapshotRecord other = snapshot("other", 30);

        ApiProblem denied = catchProblem(controller(), other.id().toString(), own.id().toString());

        assertThat(denied.status().getCode()).isEqualTo(404);
        assertThat(catalog.recentAudit(1).getFirst().outcome()).isEqualTo("denied");
    }

    private ApiProblem catchProblem(DiffController controller, String from, String to) {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/snapshots/" + from + "/diff/" + to);
        Caller.record(request, new Caller("t1", "ops", Role.OPERATOR, Set.of("lab")));
        Throwable thrown = catchThrowable(
                () -> controller.diff(request, from, to));
        assertThat(thrown).isInstanceOf(ApiProblem.class);
        return (ApiProblem) thrown;
    }

    private DiffController controller() {
        StorageSettings spool = new StorageSettings(dir.resolve("catalog.db"),
                dir.resolve("spool"), 1 << 20);
        VaultKeys keys = new VaultKeys(storage.secret(), storage.secret(), List.of());
        SnapshotDiffer differ = new SnapshotDiffer(
                new SnapshotRetriever(new InMemoryBlobStore(), keys, spool),
                new SqliteDatabases(), new DiffSettings(List.of("*password*"), 1000, 100, false),
                spool);
        return new DiffController(catalog, differ,
                new ApiAudit(catalog, new MutableClock(T0)));
    }

    private SnapshotRecord snapshot(String fleet, int secondsAgo) throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(T0.minusSeconds(secondsAgo),
                ZoneOffset.UTC));
        SnapshotRecord record = new SnapshotRecord(id, "nas-" + fleet, fleet, 1,
                Trigger.SCHEDULE, T0.minusSeconds(secondsAgo), "UTC", null, true, 10,
                "b".repeat(64), 20, "c".repeat(64), "snapshots/" + fleet + "/" + id + ".tar.pgp",
                storage.publicKey().fingerprint(), T0.minusSeconds(secondsAgo), null, null);
        catalog.insert(record);
        return record;
    }
}
