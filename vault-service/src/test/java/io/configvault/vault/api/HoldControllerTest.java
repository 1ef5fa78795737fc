package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Hold;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.retention.Holds;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.MutableClock;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link HoldController} answers when Object Lock is required and the bucket does not set or
 * lift a legal hold (s3proxy has no Object Lock, so this is not reachable through the ITs): 503,
 * and the snapshot stays held in the catalog.
 */
class HoldControllerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final byte[] BODY = "{\"reason\": \"incident 42\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemoryBlobStore store = new InMemoryBlobStore();
    final HoldController controller = new HoldController(catalog, new Holds(catalog, catalog,
            store, settings(), new MutableClock(T0)), new FleetGuard(new ApiAudit(catalog,
            new MutableClock(T0))));

    @Test
    void aLegalHoldTheBucketDoesNotSetIs503AndTheCatalogHoldStays() throws Exception {
        // The object is missing from the bucket: the in-memory store refuses its legal hold.
        SnapshotRecord snapshot = snapshot();

        assertThatThrownBy(() -> controller.place(snapshot.id().toString(), BODY, request()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status().getCode()).isEqualTo(503);
                    assertThat(p.getMessage()).isEqualTo("Snapshot " + snapshot.id() + " is"
                            + " held in the catalog, but the bucket did not set its Object Lock"
                            + " legal hold; try again later.");
                });
        assertThat(catalog.holdOf(snapshot.id())).isPresent();
    }

    @Test
    void aLegalHoldTheBucketDoesNotLiftIs503AndTheHoldStays() throws Exception {
        SnapshotRecord snapshot = snapshot();
        catalog.hold(new Hold(snapshot.id(), "incident 42", "admin", T0));

        assertThatThrownBy(() -> controller.release(snapshot.id().toString(), request()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status().getCode()).isEqualTo(503);
                    assertThat(p.getMessage()).isEqualTo("The bucket did not lift the Object"
                            + " Lock legal hold of snapshot " + snapshot.id() + "; it stays"
                            + " held. Try again later.");
                });
        assertThat(catalog.holdOf(snapshot.id())).isPresent();
    }

    @Test
    void withTheObjectInTheBucketBothHoldsAreSetAndLifted() throws Exception {
        SnapshotRecord snapshot = snapshot();
        Path file = Files.writeString(dir.resolve("object"), "ciphertext");
        store.create(snapshot.objectKey(), file, "", Map.of(), null);

        HoldView view = controller.place(snapshot.id().toString(), BODY, request());

        assertThat(view).isEqualTo(new HoldView(snapshot.id().toString(), "incident 42",
                "admin", T0.toString()));
        assertThat(store.legalHoldOn(snapshot.objectKey())).isTrue();
        assertThat(controller.release(snapshot.id().toString(), request()).code())
                .isEqualTo(204);
        assertThat(store.legalHoldOn(snapshot.objectKey())).isFalse();
        assertThat(catalog.holdOf(snapshot.id())).isEmpty();
    }

    @Test
    void aSnapshotThatIsGoneIs404() {
        SnapshotId unknown = SnapshotId.mint(Clock.fixed(T0, ZoneOffset.UTC));

        assertThatThrownBy(() -> controller.place(unknown.toString(), BODY, request()))
                .isInstanceOfSatisfying(ApiProblem.class, p ->
                        assertThat(p.status().getCode()).isEqualTo(404))
                .hasMessage("No snapshot " + unknown + ".");
    }

    private SnapshotRecord snapshot() throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(T0.minusSeconds(60), ZoneOffset.UTC));
        SnapshotRecord record = new SnapshotRecord(id, "nas-1", "lab", 1, Trigger.SCHEDULE,
                T0.minusSeconds(60), "UTC", null, true, 10, "b".repeat(64), 20, "c".repeat(64),
                "snapshots/lab/nas-1/" + id + ".tar.pgp", "F".repeat(40), T0.minusSeconds(50),
                null, null);
        catalog.insert(record);
        return record;
    }

    private static HttpRequest<?> request() {
        HttpRequest<?> request = HttpRequest.PUT("/api/v1/snapshots/x/hold", BODY);
        Caller.record(request, Caller.admin());
        return request;
    }

    private static S3Settings settings() {
        return new S3Settings(null, "us-east-1", "vault", true, null, null, "when-required", null,
                null, 64L << 20, 16L << 20, "required", "");
    }
}
