package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Verification.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What every {@link VerificationLog} must do; run against both catalogs. */
abstract class VerificationLogContract {

    static final Instant T0 = Instant.parse("2026-11-23T03:45:00Z");

    /** The catalog under test. */
    abstract Catalog catalog();

    /** The same catalog as a verification log. */
    abstract VerificationLog log();

    @Test
    void nothingIsRecordedUntilASnapshotIsVerified() throws Exception {
        SnapshotRecord snapshot = store("nas-1", T0, T0);

        assertThat(log().latestVerification(snapshot.id())).isEmpty();
        assertThat(log().failingVerificationCount()).isZero();
        assertThat(log().snapshotCount()).isEqualTo(1);
    }

    @Test
    void theLatestIsTheOneRecordedLastKeptToTheMillisecond() throws Exception {
        SnapshotRecord snapshot = store("nas-1", T0, T0);
        Instant later = T0.plusSeconds(60).plusNanos(123_456_789);

        log().recordVerification(verification(snapshot, later, Outcome.OK));
        log().recordVerification(new Verification(snapshot.id(), T0.plusSeconds(1),
                Outcome.FAILED, Verification.Trigger.API, "bundle digest differs"));

        assertThat(log().latestVerification(snapshot.id())).contains(new Verification(
                snapshot.id(), T0.plusSeconds(1), Outcome.FAILED, Verification.Trigger.API,
                "bundle digest differs"));
        log().recordVerification(verification(snapshot, later, Outcome.OK));
        assertThat(log().latestVerification(snapshot.id())).hasValueSatisfying(v ->
                assertThat(v.verifiedAt()).isEqualTo(T0.plusSeconds(60).plusMillis(123)));
    }

    @Test
    void theEarliestDueComesFirstComparingTimesNotText() throws Exception {
        // Stored at .5 s and at the whole second before it: as ISO text the whole second
        // ("…00Z") sorts after ("…00.500Z"); as time it is earlier.
        SnapshotRecord half = store("nas-1", T0, T0.plusMillis(500));
        SnapshotRecord whole = store("nas-2", T0, T0);
        SnapshotRecord later = store("nas-3", T0, T0.plusSeconds(10));

        assertThat(log().dueForVerification(10)).containsExactly(whole, half, later);
        assertThat(log().dueForVerification(1)).containsExactly(whole);

        log().recordVerification(verification(whole, T0.plusSeconds(20), Outcome.OK));
        log().recordVerification(verification(later, T0.plusSeconds(5), Outcome.FAILED));

        assertThat(log().dueForVerification(10)).containsExactly(half, later, whole);
    }

    @Test
    void eachAppliancesNewestSnapshotIsPickedUntilVerifiedSinceTheCutoff() throws Exception {
        SnapshotRecord older = store("nas-1", T0, T0);
        SnapshotRecord newest = store("nas-1", T0.plusSeconds(60), T0.plusSeconds(60));
        SnapshotRecord other = store("nas-2", T0, T0);
        Instant cutoff = T0.plus(Duration.ofHours(1));

        assertThat(log().newestNotVerifiedSince(cutoff, 10)).containsExactly(newest, other);
        assertThat(log().newestNotVerifiedSince(cutoff, 1)).containsExactly(newest);

        log().recordVerification(verification(newest, cutoff, Outcome.OK));
        log().recordVerification(verification(other, cutoff.minusMillis(1), Outcome.OK));
        log().recordVerification(verification(older, T0, Outcome.FAILED));

        assertThat(log().newestNotVerifiedSince(cutoff, 10)).containsExactly(other);
        assertThat(log().newestNotVerifiedSince(cutoff.plusMillis(1), 10))
                .containsExactly(newest, other);
    }

    @Test
    void failingCountsSnapshotsWhoseLatestVerificationFailed() throws Exception {
        SnapshotRecord healed = store("nas-1", T0, T0);
        SnapshotRecord broken = store("nas-1", T0.plusSeconds(1), T0.plusSeconds(1));
        SnapshotRecord fine = store("nas-2", T0, T0);
        SnapshotRecord unknown = snapshot("nas-3", T0, T0);

        log().recordVerification(verification(healed, T0, Outcome.FAILED));
        log().recordVerification(verification(broken, T0, Outcome.FAILED));
        log().recordVerification(verification(broken, T0.plusSeconds(1), Outcome.FAILED));
        log().recordVerification(verification(fine, T0, Outcome.OK));
        log().recordVerification(verification(unknown, T0, Outcome.FAILED));
        assertThat(log().failingVerificationCount()).isEqualTo(2);

        log().recordVerification(verification(healed, T0.plusSeconds(2), Outcome.OK));

        assertThat(log().failingVerificationCount()).as("unknown snapshots do not count")
                .isEqualTo(1);
        assertThat(log().snapshotCount()).isEqualTo(3);
    }

    SnapshotRecord store(String applianceId, Instant capturedAt, Instant storedAt)
            throws CatalogException {
        SnapshotRecord record = snapshot(applianceId, capturedAt, storedAt);
        catalog().insert(record);
        return record;
    }

    static SnapshotRecord snapshot(String applianceId, Instant capturedAt, Instant storedAt) {
        SnapshotId id = SnapshotId.mint(Clock.fixed(capturedAt, ZoneOffset.UTC));
        return new SnapshotRecord(id, applianceId, "lab", 1, Trigger.SCHEDULE, capturedAt, "UTC",
                null, true, 10, "b".repeat(64), 20, "c".repeat(64),
                "snapshots/lab/" + applianceId + "/" + id + ".tar.pgp", "F".repeat(40),
                storedAt, null, null);
    }

    static Verification verification(SnapshotRecord snapshot, Instant at, Outcome outcome) {
        return new Verification(snapshot.id(), at, outcome, Verification.Trigger.SAMPLER,
                outcome == Outcome.OK ? "every check passed" : "integrity check failed");
    }
}
