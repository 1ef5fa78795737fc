package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.Hold;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.retention.RetentionService.PassReport;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.ForwardingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass's steps and their order over an in-memory catalog and bucket, with a planning
 * stand-in that keeps each appliance's newest two snapshots.
 */
class RetentionPassTest {

    @TempDir
    Path dir;

    PassFixture vault;
    InMemoryCatalog memory;

    @BeforeEach
    void vault() {
        vault = new PassFixture(dir);
        memory = (InMemoryCatalog) vault.catalog;
    }

    @Test
    void deletesWhatThePlanDeletesAuditedAndTombstonedBeforeTheObjectGoes() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 4);
        List<SnapshotRecord> fw1 = vault.daily("fw-1", "edge", 2);
        List<List<AuditRecord>> auditAtTombstone = new ArrayList<>();
        List<Boolean> objectsAtTombstone = new ArrayList<>();
        vault.faults = point -> {
            if (point == PassFaults.Point.AFTER_TOMBSTONE) {
                auditAtTombstone.add(auditInFault(10));
                try {
                    objectsAtTombstone.add(vault.objects().contains(nas1.get(0).objectKey()));
                } catch (StoreException e) {
                    throw new AssertionError(e);
                }
            }
        };

        PassReport report = vault.runner().run("admin");

        assertThat(report.refusal()).isNull();
        assertThat(report.appliances()).isEqualTo(2);
        assertThat(report.tombstoned()).isEqualTo(2);
        assertThat(report.deleted()).isEqualTo(2);
        assertThat(report.failed()).isEmpty();
        assertThat(report.startedAt()).isEqualTo(vault.clock.instant());
        assertThat(vault.live(nas1.get(0))).isFalse();
        assertThat(vault.live(nas1.get(1))).isFalse();
        assertThat(vault.prune.tombstoned(10)).isEmpty();
        assertThat(vault.objects()).containsExactlyInAnyOrder(nas1.get(2).objectKey(),
                nas1.get(3).objectKey(), fw1.get(0).objectKey(), fw1.get(1).objectKey());
        assertThat(memory.snapshots("nas-1", 10)).containsExactly(nas1.get(3), nas1.get(2));
        assertThat(auditAtTombstone).singleElement().satisfies(records ->
                assertThat(records).hasSize(2));
        assertThat(objectsAtTombstone).containsExactly(true);
        assertThat(memory.recentAudit(10)).extracting(AuditRecord::target).containsExactly(
                nas1.get(0).id().toString(), nas1.get(1).id().toString());
        assertThat(memory.recentAudit(10).getLast()).satisfies(record -> {
            assertThat(record.actor()).isEqualTo("retention (run by admin)");
            assertThat(record.action()).isEqualTo("snapshot.delete");
            assertThat(record.outcome()).isEqualTo("ok");
            assertThat(record.at()).isEqualTo(vault.clock.instant());
            assertThat(record.detail()).isEqualTo("appliance nas-1 (fleet lab), captured "
                    + nas1.get(1).capturedAt() + " (SCHEDULE): policy vault keeps it by no rule,"
                    + " nor does any floor, hold or lock; policy {\"keep-last\":2}");
        });
        assertThat(vault.prune.lastPassAt()).contains(vault.clock.instant());
        assertThat(vault.counter(RetentionMetrics.DELETED)).isEqualTo(2);
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "ok")).isEqualTo(1);
        assertThat(vault.registry.find(RetentionMetrics.DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void aSecondPassFindsNothingToDo() throws Exception {
        vault.daily("nas-1", "lab", 3);
        vault.runner().run("admin");
        vault.clock.advance(Duration.ofHours(1));

        PassReport second = vault.runner().run("admin");

        assertThat(second.appliances()).isEqualTo(1);
        assertThat(second.tombstoned()).isZero();
        assertThat(second.deleted()).isZero();
        assertThat(memory.recentAudit(10)).hasSize(1);
    }

    @Test
    void aHoldPlacedAfterThePlanWasMadeStillKeepsItsSnapshot() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 4);
        Hold hold = new Hold(nas1.get(0).id(), "incident 42", "admin", PassFixture.T0);
        assertThat(memory.hold(hold)).isTrue();

        PassReport report = vault.runner().run("admin");

        assertThat(report.tombstoned()).isEqualTo(1);
        assertThat(vault.live(nas1.get(0))).isTrue();
        assertThat(vault.objects()).contains(nas1.get(0).objectKey());
        assertThat(vault.live(nas1.get(1))).isFalse();
        assertThat(memory.recentAudit(10)).extracting(AuditRecord::target)
                .containsExactly(nas1.get(1).id().toString());
    }

    @Test
    void aPassFirstFinishesWhatAnInterruptedPassLeftWhoeverOwnsTheAppliance()
            throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 3);
        // Crashed after the tombstone: object there. Crashed after the delete: object gone.
        memory.tombstone(List.of(new PruneCatalog.Deletion(nas1.get(0).id(), "retention",
                "earlier"), new PruneCatalog.Deletion(nas1.get(1).id(), "retention", "earlier")),
                vault.clock.instant().minusSeconds(3600));
        vault.store.delete(nas1.get(1).objectKey());
        vault.ownership = new FixedOwnership(List.of());

        PassReport report = vault.runner().run("admin");

        assertThat(report.deleted()).isEqualTo(2);
        assertThat(report.tombstoned()).isZero();
        assertThat(report.appliances()).isZero();
        assertThat(vault.prune.tombstoned(10)).isEmpty();
        assertThat(vault.objects()).containsExactly(nas1.get(2).objectKey());
        assertThat(memory.recentAudit(10)).as("audited when tombstoned, not again").hasSize(2);
    }

    @Test
    void aStoreFailureLeavesTheRowsTombstonedForTheNextPass() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 4);
        InMemoryBlobStore bucket = (InMemoryBlobStore) vault.store;
        vault.store = new FailingDeletes(bucket);

        PassReport report;
        try (CapturedLog log = new CapturedLog(RetentionPass.class)) {
            report = vault.runner().run("admin");
            assertThat(log.lines("WARN")).singleElement().asString()
                    .startsWith("Retention pass stops: the store failed; 2 deletions stay"
                            + " tombstoned for the next pass: snapshot " + nas1.get(1).id());
        }

        assertThat(report.tombstoned()).isEqualTo(2);
        assertThat(report.deleted()).isZero();
        // The plan lists deletions newest first.
        assertThat(report.failed()).containsExactly(
                "snapshot " + nas1.get(1).id() + " of appliance nas-1 stays tombstoned until"
                        + " the next pass: Cannot delete the object: bucket 'vault' answered 503"
                        + " SlowDown",
                "snapshot " + nas1.get(0).id() + " of appliance nas-1 stays tombstoned until"
                        + " the next pass: not attempted after the store failed");
        assertThat(String.join("\n", report.failed())).doesNotContain("snapshots/lab");
        assertThat(vault.live(nas1.get(0))).isFalse();
        assertThat(vault.prune.tombstoned(10)).containsExactly(nas1.get(0), nas1.get(1));
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "failed")).isEqualTo(1);

        vault.store = bucket;
        vault.clock.advance(Duration.ofHours(1));
        PassReport next = vault.runner().run("admin");

        assertThat(next.deleted()).isEqualTo(2);
        assertThat(next.failed()).isEmpty();
        assertThat(vault.prune.tombstoned(10)).isEmpty();
        assertThat(vault.objects()).containsExactlyInAnyOrder(nas1.get(2).objectKey(),
                nas1.get(3).objectKey());
    }

    @Test
    void aCatalogFailureIsARetentionExceptionAndAFailedPass() throws Exception {
        SqliteCatalog sqlite = SqliteCatalog.open(dir.resolve("catalog.db"));
        vault.catalog(sqlite);
        PassRunner runner = vault.runner();
        sqlite.close();

        assertThatThrownBy(() -> runner.run("admin"))
                .isInstanceOf(RetentionException.class)
                .hasMessageStartingWith("Cannot finish the retention pass: Cannot read the newest"
                        + " stored-at in catalog catalog.db: ")
                .hasMessageEndingWith("; the next pass finishes what this one began");
        assertThat(vault.counter(RetentionMetrics.PASSES, "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void aBurstIsCountedWarnedAndReported() throws Exception {
        vault.daily("nas-1", "lab", 3);
        vault.planning = (appliance, candidates, now) -> new Planning.Planned(new AppliancePlan(
                appliance.applianceId(), "vault", candidates.stream().map(c -> new Decision(c,
                        List.of(Reason.of("keep-last")))).toList(), List.of(),
                List.of("3 snapshots within PT1H: a burst"), 3), PassFixture.VAULT_POLICY);

        PassReport report;
        try (CapturedLog log = new CapturedLog(RetentionPass.class)) {
            report = vault.runner().run("admin");
            assertThat(log.lines("WARN")).containsExactly("Appliance nas-1 sent a burst: 3 of"
                    + " its snapshots came faster than vault.retention.burst-max-snapshots per"
                    + " burst-window; [3 snapshots within PT1H: a burst]");
        }

        assertThat(report.warnings()).containsExactly("appliance nas-1: 3 snapshots within PT1H:"
                + " a burst");
        assertThat(vault.counter(RetentionMetrics.BURSTS)).isEqualTo(1);
        assertThat(report.deleted()).isZero();
    }

    @Test
    void anInstanceThatOwnsNoPartitionPlansNothingAndSaysSo() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 3);
        vault.ownership = new FixedOwnership(List.of());

        PassReport report = vault.runner().run("admin");

        assertThat(report.appliances()).isZero();
        assertThat(report.warnings()).containsExactly("this vault instance consumes no"
                + " partition of the snapshot topic yet (owns nothing): no appliance was planned");
        assertThat(vault.live(nas1.get(0))).isTrue();
    }

    @Test
    void onlyOwnedAppliancesArePruned() throws Exception {
        List<SnapshotRecord> nas1 = vault.daily("nas-1", "lab", 3);
        List<SnapshotRecord> nas2 = vault.daily("nas-2", "lab", 3);
        vault.ownership = new FixedOwnership(List.of("nas-2"));

        PassReport report = vault.runner().run("admin");

        assertThat(report.appliances()).isEqualTo(1);
        assertThat(vault.live(nas1.get(0))).isTrue();
        assertThat(vault.live(nas2.get(0))).isFalse();
    }

    @Test
    void appliancesAreWalkedPageByPage() throws Exception {
        int appliances = RetentionPass.PAGE + 3;
        for (int i = 0; i < appliances; i++) {
            vault.store(String.format("nas-%04d", i), "lab", PassFixture.T0);
        }
        vault.keepNewest = 0;

        PassReport report = vault.runner().run("admin");

        assertThat(report.appliances()).isEqualTo(appliances);
        assertThat(report.deleted()).isEqualTo(appliances);
        assertThat(vault.objects()).isEmpty();
        assertThat(vault.prune.appliancesWithSnapshots(null, 10)).isEmpty();
    }

    @Test
    void deletionsAreTombstonedAndPurgedInBatchesOfAppliances() throws Exception {
        int appliances = RetentionPass.BATCH / 100 + 2;
        for (int i = 0; i < appliances; i++) {
            vault.daily(String.format("nas-%02d", i), "lab", 100);
        }
        vault.clock.advance(Duration.ofDays(100));
        vault.keepNewest = 0;
        List<Integer> batches = new ArrayList<>();
        vault.faults = point -> {
            if (point == PassFaults.Point.AFTER_TOMBSTONE) {
                batches.add(auditInFault(Integer.MAX_VALUE).size());
            }
        };

        PassReport report = vault.runner().run("admin");

        assertThat(batches).containsExactly(RetentionPass.BATCH, appliances * 100);
        assertThat(report.deleted()).isEqualTo(appliances * 100);
        assertThat(vault.objects()).isEmpty();
    }

    @Test
    void theAuditDetailSaysWhenNoPolicyApplied() {
        Candidate candidate = new Candidate(SnapshotId.mint(Clock.fixed(PassFixture.T0,
                ZoneOffset.UTC)), 1, Trigger.MANUAL, PassFixture.T0, PassFixture.T0, "UTC",
                false, false, null);

        assertThat(RetentionPass.detail(new PruneCatalog.ApplianceRef("nas-1", "lab"), candidate,
                null)).isEqualTo("appliance nas-1 (fleet lab), captured " + PassFixture.T0
                + " (MANUAL): deleted without a policy");
    }

    /** Owns the listed appliances. */
    record FixedOwnership(List<String> appliances) implements Ownership {
        @Override
        public boolean owns(String applianceId) {
            return appliances.contains(applianceId);
        }

        @Override
        public boolean ownsAny() {
            return !appliances.isEmpty();
        }

        @Override
        public String description() {
            return appliances.isEmpty() ? "owns nothing" : "owns " + appliances;
        }
    }

    /** The newest audit records, read inside a fault point (which cannot throw). */
    private List<AuditRecord> auditInFault(int limit) {
        try {
            return memory.recentAudit(limit);
        } catch (CatalogException e) {
            throw new AssertionError(e);
        }
    }

    /** A bucket whose deletes fail as an unavailable S3 server's do. */
    static final class FailingDeletes extends ForwardingStore {
        FailingDeletes(InMemoryBlobStore bucket) {
            super(bucket);
        }

        @Override
        public void delete(String key) throws StoreException {
            throw new StoreUnavailableException("Cannot delete object " + key
                    + ": bucket 'vault' answered 503 SlowDown", null);
        }
    }
}
