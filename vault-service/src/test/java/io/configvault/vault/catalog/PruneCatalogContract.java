package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import io.configvault.vault.catalog.PruneCatalog.Deletion;
import io.configvault.vault.catalog.Verification.Outcome;
import io.configvault.vault.retention.Candidate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PruneCatalog} must do, and how tombstoned rows look to every other reader;
 * run against both catalogs.
 */
abstract class PruneCatalogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** The catalog under test, as each of its roles. */
    abstract Catalog catalog();

    abstract PruneCatalog prune();

    abstract VerificationLog log();

    abstract PolicyCatalog policies();

    abstract AuditLog audit();

    SnapshotRecord store(String applianceId, String fleet, Instant capturedAt)
            throws CatalogException {
        SnapshotRecord record = snapshot(applianceId, fleet, capturedAt, capturedAt);
        catalog().insert(record);
        return record;
    }

    static SnapshotRecord snapshot(String applianceId, String fleet, Instant capturedAt,
                                   Instant storedAt) {
        SnapshotRecord r = VerificationLogContract.snapshot(applianceId, capturedAt, storedAt);
        return new SnapshotRecord(r.id(), r.applianceId(), fleet, r.sequence(), r.trigger(),
                r.capturedAt(), r.timeZone(), r.label(), r.restorable(), r.bundleBytes(),
                r.bundleSha256(), r.storedBytes(), r.storedSha256(),
                "snapshots/" + fleet + "/" + applianceId + "/" + r.id() + ".tar.pgp",
                r.storageKey(), r.storedAt(), null, null);
    }

    static Deletion deletion(SnapshotRecord snapshot) {
        return new Deletion(snapshot.id(), "retention", "policy vault keeps it by no rule");
    }

    List<SnapshotRecord> tombstone(SnapshotRecord... snapshots) throws CatalogException {
        return prune().tombstone(List.of(snapshots).stream().map(PruneCatalogContract::deletion)
                .toList(), T0.plusSeconds(3600));
    }

    @Test
    void appliancesWithLiveSnapshotsArePagedByIdWithTheFleetOfTheirNewest() throws Exception {
        store("nas-2", "lab", T0);
        store("nas-1", "old-fleet", T0);
        store("nas-1", "lab", T0.plusSeconds(60));
        store("fw-1", "edge", T0);
        SnapshotRecord gone = store("nas-3", "lab", T0);
        tombstone(gone);

        assertThat(prune().appliancesWithSnapshots(null, 10)).containsExactly(
                new ApplianceRef("fw-1", "edge"), new ApplianceRef("nas-1", "lab"),
                new ApplianceRef("nas-2", "lab"));
        assertThat(prune().appliancesWithSnapshots(null, 2)).extracting(ApplianceRef::applianceId)
                .containsExactly("fw-1", "nas-1");
        assertThat(prune().appliancesWithSnapshots("nas-1", 2))
                .extracting(ApplianceRef::applianceId).containsExactly("nas-2");
        assertThat(prune().appliancesWithSnapshots("nas-2", 2)).isEmpty();
    }

    @Test
    void candidatesAreTheLiveSnapshotsNewestFirstWithHoldAndLatestVerification()
            throws Exception {
        SnapshotRecord held = store("nas-1", "lab", T0);
        SnapshotRecord verified = store("nas-1", "lab", T0.plusSeconds(60));
        SnapshotRecord failedLast = store("nas-1", "lab", T0.plusSeconds(120));
        SnapshotRecord gone = store("nas-1", "lab", T0.plusSeconds(180));
        store("nas-2", "lab", T0);
        assertThat(policies().hold(new Hold(held.id(), "audit", "admin", T0))).isTrue();
        log().recordVerification(VerificationLogContract.verification(verified, T0, Outcome.OK));
        log().recordVerification(VerificationLogContract.verification(failedLast, T0,
                Outcome.OK));
        log().recordVerification(VerificationLogContract.verification(failedLast,
                T0.plusSeconds(1), Outcome.FAILED));
        tombstone(gone);

        List<Candidate> candidates = prune().candidates("nas-1");

        assertThat(candidates).extracting(Candidate::id)
                .containsExactly(failedLast.id(), verified.id(), held.id());
        assertThat(candidates).extracting(Candidate::held).containsExactly(false, false, true);
        assertThat(candidates).extracting(Candidate::verified)
                .containsExactly(false, true, false);
        assertThat(candidates.get(1)).isEqualTo(new Candidate(verified.id(),
                verified.sequence(), verified.trigger(), verified.capturedAt(),
                verified.storedAt(), verified.timeZone(), false, true, null));
        assertThat(prune().candidates("nobody")).isEmpty();
    }

    @Test
    void aTombstoneIsAuditedInItsStepAndHidesTheRowFromEveryLiveRead() throws Exception {
        SnapshotRecord kept = store("nas-1", "lab", T0);
        SnapshotRecord deleted = store("nas-1", "lab", T0.plusSeconds(60));
        log().recordVerification(VerificationLogContract.verification(deleted, T0,
                Outcome.FAILED));
        assertThat(log().failingVerificationCount()).isEqualTo(1);

        assertThat(tombstone(deleted)).containsExactly(deleted);

        assertThat(catalog().snapshot(deleted.id())).isEmpty();
        assertThat(catalog().snapshots("nas-1", 10)).containsExactly(kept);
        assertThat(log().dueForVerification(10)).containsExactly(kept);
        assertThat(log().newestNotVerifiedSince(T0.plusSeconds(3600), 10))
                .containsExactly(kept);
        assertThat(log().snapshotCount()).isEqualTo(1);
        assertThat(log().failingVerificationCount()).isZero();
        assertThat(audit().recentAudit(10)).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("snapshot.delete");
            assertThat(record.actor()).isEqualTo("retention");
            assertThat(record.target()).isEqualTo(deleted.id().toString());
            assertThat(record.outcome()).isEqualTo("ok");
            assertThat(record.detail()).isEqualTo("policy vault keeps it by no rule");
            assertThat(record.at()).isEqualTo(T0.plusSeconds(3600));
        });
        assertThat(catalog().insert(deleted)).as("the id stays taken until the purge")
                .isFalse();
        assertThat(catalog().snapshot(deleted.id())).isEmpty();
        assertThat(catalog().recorded(deleted.id())).as("the ingest still sees it")
                .contains(deleted);
    }

    @Test
    void theTombstonesOfOneCallAreChainedInOrderAfterTheRecordsBefore() throws Exception {
        audit().audit(T0, "admin", "policy.put", "vault", "ok", "{}", "10.0.0.7");
        SnapshotRecord first = store("nas-1", "lab", T0);
        SnapshotRecord second = store("nas-1", "lab", T0.plusSeconds(60));

        assertThat(tombstone(first, second)).containsExactly(first, second);

        List<AuditRecord> records = audit().auditAfter(0, 10);
        assertThat(records).extracting(AuditRecord::seq, AuditRecord::target,
                AuditRecord::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "vault", "10.0.0.7"),
                org.assertj.core.groups.Tuple.tuple(2L, first.id().toString(), AuditLog.INTERNAL),
                org.assertj.core.groups.Tuple.tuple(3L, second.id().toString(),
                        AuditLog.INTERNAL));
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
            assertThat(records.get(i).hash()).isEqualTo(AuditChain.hashOf(records.get(i)));
        }
    }

    @Test
    void aHoldPlacedFirstIsNeverTombstonedAndATombstonedSnapshotTakesNoHold()
            throws Exception {
        SnapshotRecord held = store("nas-1", "lab", T0);
        SnapshotRecord free = store("nas-1", "lab", T0.plusSeconds(60));
        assertThat(policies().hold(new Hold(held.id(), "incident 42", "admin", T0))).isTrue();

        assertThat(tombstone(held, free)).containsExactly(free);

        assertThat(catalog().snapshot(held.id())).contains(held);
        assertThat(prune().tombstoned(10)).containsExactly(free);
        assertThat(audit().recentAudit(10)).extracting(AuditRecord::target)
                .containsExactly(free.id().toString());
        assertThat(policies().hold(new Hold(free.id(), "too late", "admin", T0))).isFalse();
        assertThat(policies().holdOf(free.id())).isEmpty();
    }

    @Test
    void aLockedSnapshotIsNotTombstonedBeforeItsRetainUntil() throws Exception {
        Instant until = T0.plusSeconds(7200);
        SnapshotRecord locked = snapshot("nas-1", "lab", T0, T0).withLock(until, "GOVERNANCE");
        catalog().insert(locked);

        assertThat(prune().candidates("nas-1")).extracting(Candidate::retainUntil)
                .containsExactly(until);
        assertThat(prune().tombstone(List.of(deletion(locked)), until.minusMillis(1)))
                .isEmpty();
        assertThat(catalog().snapshot(locked.id())).isPresent();
        assertThat(audit().recentAudit(10)).isEmpty();

        assertThat(prune().tombstone(List.of(deletion(locked)), until)).containsExactly(locked);
    }

    @Test
    void unknownAndAlreadyTombstonedSnapshotsAreSkipped() throws Exception {
        SnapshotRecord once = store("nas-1", "lab", T0);
        SnapshotRecord unknown = snapshot("nas-1", "lab", T0.plusSeconds(5), T0);
        tombstone(once);

        assertThat(tombstone(once, unknown)).isEmpty();
        assertThat(audit().recentAudit(10)).hasSize(1);
    }

    @Test
    void tombstonedRowsAreListedOldestTombstoneFirst() throws Exception {
        SnapshotRecord first = store("nas-1", "lab", T0.plusSeconds(60));
        SnapshotRecord second = store("nas-2", "lab", T0);
        SnapshotRecord third = store("nas-1", "lab", T0);
        prune().tombstone(List.of(deletion(first)), T0.plusSeconds(10));
        prune().tombstone(List.of(deletion(second)), T0.plusSeconds(20));
        prune().tombstone(List.of(deletion(third)), T0.plusSeconds(30));

        assertThat(prune().tombstoned(10)).containsExactly(first, second, third);
        assertThat(prune().tombstoned(2)).containsExactly(first, second);
    }

    @Test
    void aPurgeRemovesOnlyTombstonedRowsWithTheirVerifications() throws Exception {
        SnapshotRecord live = store("nas-1", "lab", T0);
        SnapshotRecord deleted = store("nas-1", "lab", T0.plusSeconds(60));
        log().recordVerification(VerificationLogContract.verification(deleted, T0, Outcome.OK));
        tombstone(deleted);
        SnapshotId unknown = SnapshotId.mint(Clock.fixed(T0.plusSeconds(9), ZoneOffset.UTC));

        assertThat(prune().purge(List.of(live.id(), deleted.id(), unknown))).isEqualTo(1);

        assertThat(prune().tombstoned(10)).isEmpty();
        assertThat(catalog().snapshot(live.id())).contains(live);
        assertThat(log().latestVerification(deleted.id())).isEmpty();
        assertThat(prune().purge(List.of(deleted.id()))).isZero();
        assertThat(catalog().recorded(deleted.id())).isEmpty();
        assertThat(catalog().recorded(live.id())).contains(live);
        assertThat(catalog().insert(deleted)).as("a purged id is free again").isTrue();
    }

    @Test
    void theNewestStoredAtCountsTombstonedRowsAndComparesTimesNotText() throws Exception {
        assertThat(prune().newestStoredAt()).isEmpty();
        // As ISO text "…00Z" sorts after "…00.500Z"; as time it is earlier.
        catalog().insert(snapshot("nas-1", "lab", T0, T0.plusMillis(500)));
        catalog().insert(snapshot("nas-2", "lab", T0, T0));
        assertThat(prune().newestStoredAt()).contains(T0.plusMillis(500));

        SnapshotRecord latest = snapshot("nas-3", "lab", T0, T0.plusSeconds(90));
        catalog().insert(latest);
        tombstone(latest);

        assertThat(prune().newestStoredAt()).contains(T0.plusSeconds(90));
    }

    @Test
    void theLastPassOnlyMovesForward() throws Exception {
        assertThat(prune().lastPassAt()).isEmpty();

        prune().recordPass(T0);
        prune().recordPass(T0.minusSeconds(60));
        assertThat(prune().lastPassAt()).contains(T0);

        prune().recordPass(T0.plusSeconds(60));
        assertThat(prune().lastPassAt()).contains(T0.plusSeconds(60));
    }
}
