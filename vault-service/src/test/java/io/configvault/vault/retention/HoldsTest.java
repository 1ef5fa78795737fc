package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.Hold;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.MutableClock;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Holds} over the in-memory catalog and bucket: the order of catalog hold and Object Lock
 * legal hold, what a store failure leaves, and the audit records.
 */
class HoldsTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final TombstoningCatalog policies = new TombstoningCatalog(catalog);
    final FailingStore store = new FailingStore();
    final MutableClock clock = new MutableClock(T0);
    SnapshotRecord snapshot;

    @BeforeEach
    void storeOneSnapshot() throws Exception {
        snapshot = snapshot("nas-1");
    }

    @Test
    void withoutObjectLockAHoldIsACatalogHoldOnly() throws Exception {
        Holds holds = holds("off");

        Holds.Placement placement = holds.place(snapshot, "incident 42", "admin");

        Hold expected = new Hold(snapshot.id(), "incident 42", "admin", T0);
        assertThat(placement).isEqualTo(new Holds.Placement.Placed(expected));
        assertThat(catalog.holdOf(snapshot.id())).contains(expected);
        assertThat(store.calls).isEmpty();
        assertThat(catalog.recentAudit(10)).singleElement().satisfies(r ->
                assertAudit(r, "hold.place", "ok", "incident 42"));

        assertThat(holds.release(snapshot, "ops")).isEqualTo(new Holds.Release.Released());
        assertThat(catalog.holdOf(snapshot.id())).isEmpty();
        assertThat(store.calls).isEmpty();
        assertThat(catalog.recentAudit(1)).singleElement().satisfies(r -> {
            assertAudit(r, "hold.release", "ok", "");
            assertThat(r.actor()).isEqualTo("ops");
        });
    }

    @Test
    void withObjectLockTheCatalogHoldComesFirstAndTheLegalHoldFollows() throws Exception {
        Holds holds = holds("required");
        store.beforeLegalHold = () -> assertThat(catalogHold())
                .as("catalog hold when the legal hold is set").isPresent();

        assertThat(holds.place(snapshot, "incident 42", "admin"))
                .isInstanceOf(Holds.Placement.Placed.class);

        assertThat(store.memory.legalHoldOn(snapshot.objectKey())).isTrue();
        assertThat(store.calls).containsExactly("on " + snapshot.objectKey());
        assertThat(catalog.recentAudit(1)).singleElement()
                .satisfies(r -> assertAudit(r, "hold.place", "ok", "incident 42"));
    }

    @Test
    void withObjectLockReleaseLiftsTheLegalHoldBeforeTheCatalogHold() throws Exception {
        Holds holds = holds("required");
        holds.place(snapshot, "incident 42", "admin");
        store.beforeLegalHold = () -> assertThat(catalogHold())
                .as("catalog hold while the legal hold is lifted").isPresent();

        assertThat(holds.release(snapshot, "admin")).isEqualTo(new Holds.Release.Released());

        assertThat(store.memory.legalHoldOn(snapshot.objectKey())).isFalse();
        assertThat(catalog.holdOf(snapshot.id())).isEmpty();
        assertThat(store.calls).containsExactly("on " + snapshot.objectKey(),
                "off " + snapshot.objectKey());
    }

    @Test
    void aStoreFailureWhilePlacingKeepsTheCatalogHoldAndIsAudited() throws Exception {
        Holds holds = holds("required");
        store.failure = new StoreUnavailableException("Cannot set a legal hold on "
                + snapshot.objectKey() + ": bucket 'vault' answered 503 SlowDown", null);

        Holds.Placement placement = holds.place(snapshot, "incident 42", "admin");

        Hold expected = new Hold(snapshot.id(), "incident 42", "admin", T0);
        assertThat(placement).isEqualTo(new Holds.Placement.LegalHoldFailed(expected));
        assertThat(catalog.holdOf(snapshot.id())).contains(expected);
        assertThat(store.memory.legalHoldOn(snapshot.objectKey())).isFalse();
        assertThat(catalog.recentAudit(1)).singleElement().satisfies(r -> assertAudit(r,
                "hold.place", "failed", "incident 42 (held in the catalog; the object's legal"
                        + " hold could not be set)"));

        store.failure = null;
        assertThat(holds.place(snapshot, "incident 42", "admin"))
                .isEqualTo(new Holds.Placement.Placed(expected));
        assertThat(store.memory.legalHoldOn(snapshot.objectKey())).isTrue();
    }

    @Test
    void aStoreFailureWhileReleasingKeepsBothHolds() throws Exception {
        Holds holds = holds("required");
        holds.place(snapshot, "incident 42", "admin");
        store.failure = new StoreException("Cannot lift a legal hold: 403 AccessDenied");

        assertThat(holds.release(snapshot, "admin"))
                .isEqualTo(new Holds.Release.LegalHoldFailed());

        assertThat(catalog.holdOf(snapshot.id())).isPresent();
        assertThat(store.memory.legalHoldOn(snapshot.objectKey())).isTrue();
        assertThat(catalog.recentAudit(1)).singleElement().satisfies(r -> assertAudit(r,
                "hold.release", "failed",
                "the object's legal hold could not be lifted; the hold stays"));
    }

    @Test
    void aSnapshotBeingDeletedIsNotHeldAndNothingIsWritten() throws Exception {
        Holds holds = holds("required");
        policies.tombstoned.add(snapshot.id());

        assertThat(holds.place(snapshot, "too late", "admin"))
                .isEqualTo(new Holds.Placement.NotLive());

        assertThat(catalog.holdOf(snapshot.id())).isEmpty();
        assertThat(store.calls).isEmpty();
        assertThat(catalog.recentAudit(10)).isEmpty();
    }

    @Test
    void releasingWithoutAHoldChangesNothing() throws Exception {
        Holds holds = holds("required");

        assertThat(holds.release(snapshot, "admin")).isEqualTo(new Holds.Release.NotHeld());

        assertThat(store.calls).isEmpty();
        assertThat(catalog.recentAudit(10)).isEmpty();
    }

    @Test
    void placingAgainReplacesTheReason() throws Exception {
        Holds holds = holds("off");
        holds.place(snapshot, "incident 42", "admin");
        clock.advance(Duration.ofMinutes(5));

        holds.place(snapshot, "legal request 7", "ops");

        assertThat(catalog.holdOf(snapshot.id())).contains(new Hold(snapshot.id(),
                "legal request 7", "ops", T0.plusSeconds(300)));
        assertThat(catalog.recentAudit(10)).extracting(AuditRecord::detail)
                .containsExactly("legal request 7", "incident 42");
    }

    @Test
    void anUnacceptableReasonIsRefusedBeforeAnythingIsWritten() throws Exception {
        Holds holds = holds("required");

        assertThatThrownBy(() -> holds.place(snapshot, "line\nbreak", "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason must be printable text (no control characters or line"
                        + " breaks)");
        assertThat(catalog.holdOf(snapshot.id())).isEmpty();
        assertThat(store.calls).isEmpty();
    }

    @Test
    void reasonsAreOneToFiveHundredPrintableCharacters() {
        assertThat(Holds.reasonProblem(null)).isEqualTo("reason is required");
        assertThat(Holds.reasonProblem("")).isEqualTo("reason is required");
        assertThat(Holds.reasonProblem("   ")).isEqualTo("reason is required");
        assertThat(Holds.reasonProblem("x".repeat(500))).isNull();
        assertThat(Holds.reasonProblem("€".repeat(500))).isNull();
        assertThat(Holds.reasonProblem("\uD83D\uDD12".repeat(500))).as("500 code points")
                .isNull();
        assertThat(Holds.reasonProblem("x".repeat(501)))
                .isEqualTo("reason is longer than 500 characters");
        assertThat(Holds.reasonProblem("Rechtsstreit Müller ./. Meier, Az. 3 O 12/26")).isNull();
        for (String bad : List.of("a\tb", "a\u0000b", "a\u2028b", "a\u202Eb", "a\u0085b",
                "a\uD800b", "a\uE000b")) {
            assertThat(Holds.reasonProblem(bad)).as("%s", bad.codePoints().boxed().toList())
                    .startsWith("reason must be printable text");
        }
    }

    private Holds holds(String objectLock) {
        return new Holds(policies, catalog, store, settings(objectLock), clock);
    }

    private SnapshotRecord snapshot(String applianceId) throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(T0.minusSeconds(3600), ZoneOffset.UTC));
        String key = "snapshots/lab/" + applianceId + "/" + id + ".tar.pgp";
        SnapshotRecord record = new SnapshotRecord(id, applianceId, "lab", 1, Trigger.SCHEDULE,
                T0.minusSeconds(3600), "UTC", null, true, 10, "b".repeat(64), 20, "c".repeat(64),
                key, "F".repeat(40), T0.minusSeconds(3590), null, null);
        catalog.insert(record);
        Path file = Files.writeString(dir.resolve(id + ".pgp"), "ciphertext");
        store.memory.create(key, file, "", Map.of(), null);
        return record;
    }

    private static S3Settings settings(String objectLock) {
        return new S3Settings(null, "us-east-1", "vault", true, null, null, "when-required", null,
                null, 64L << 20, 16L << 20, objectLock, "");
    }

    private static void assertAudit(AuditRecord record, String action, String outcome,
                                    String detail) {
        assertThat(record.action()).isEqualTo(action);
        assertThat(record.outcome()).isEqualTo(outcome);
        assertThat(record.detail()).isEqualTo(detail);
        assertThat(record.at()).isEqualTo(T0);
    }

    /**
     * The in-memory catalog, with snapshots a pass has tombstoned: holds on them are refused,
     * as every {@link PolicyCatalog} must (the in-memory pass is built elsewhere).
     */
    static final class TombstoningCatalog implements PolicyCatalog {

        final Set<SnapshotId> tombstoned = new HashSet<>();
        private final InMemoryCatalog catalog;

        TombstoningCatalog(InMemoryCatalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public void putPolicy(StoredPolicy policy) throws CatalogException {
            catalog.putPolicy(policy);
        }

        @Override
        public Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException {
            return catalog.policy(scope);
        }

        @Override
        public List<StoredPolicy> policies() throws CatalogException {
            return catalog.policies();
        }

        @Override
        public boolean deletePolicy(PolicyScope scope) throws CatalogException {
            return catalog.deletePolicy(scope);
        }

        @Override
        public boolean hold(Hold hold) throws CatalogException {
            return !tombstoned.contains(hold.snapshotId()) && catalog.hold(hold);
        }

        @Override
        public boolean release(SnapshotId snapshot) throws CatalogException {
            return catalog.release(snapshot);
        }

        @Override
        public Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException {
            return catalog.holdOf(snapshot);
        }
    }

    /** The snapshot's hold in the catalog, read inside a bucket call (no CatalogException). */
    private Optional<Hold> catalogHold() {
        try {
            return catalog.holdOf(snapshot.id());
        } catch (CatalogException e) {
            throw new AssertionError(e);
        }
    }

    /** The in-memory bucket, recording legal-hold calls and failing them on demand. */
    static final class FailingStore implements BlobStore {

        final InMemoryBlobStore memory = new InMemoryBlobStore();
        final List<String> calls = new ArrayList<>();
        StoreException failure;
        Runnable beforeLegalHold = () -> { };

        @Override
        public PutOutcome create(String key, Path file, String md5Base64,
                                 Map<String, String> metadata, ObjectLockRequest lock)
                throws StoreException {
            return memory.create(key, file, md5Base64, metadata, lock);
        }

        @Override
        public Optional<BlobInfo> head(String key) {
            return memory.head(key);
        }

        @Override
        public InputStream open(String key) throws StoreException {
            return memory.open(key);
        }

        @Override
        public Page list(String keyPrefix, String startAfter, int limit) {
            return memory.list(keyPrefix, startAfter, limit);
        }

        @Override
        public void delete(String key) throws StoreException {
            memory.delete(key);
        }

        @Override
        public void legalHold(String key, boolean on) throws StoreException {
            beforeLegalHold.run();
            if (failure != null) {
                throw failure;
            }
            calls.add((on ? "on " : "off ") + key);
            memory.legalHold(key, on);
        }
    }
}
