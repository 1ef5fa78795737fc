package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.EnrolmentToken.Purpose;
import io.configvault.vault.catalog.Redemption.Refusal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Catalog} must do; run against {@link SqliteCatalog} (a real SQLite file) and
 * {@link InMemoryCatalog}. Keys are opaque strings here: the catalog never parses them.
 */
abstract class CatalogContract {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String HASH = "a".repeat(64);

    @TempDir
    Path dir;

    Catalog catalog;

    abstract Catalog open(Path dir) throws Exception;

    @BeforeEach
    void openCatalog() throws Exception {
        catalog = open(dir);
    }

    @AfterEach
    void closeCatalog() throws Exception {
        if (catalog instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void enrolmentByConfigurationIsIdempotentAndRefusesAnotherKey() throws Exception {
        catalog.enrol(appliance("nas-1", "lab", "KEY-A"));
        catalog.enrol(appliance("nas-1", "lab", "KEY-A"));

        assertThat(catalog.appliance("nas-1")).contains(appliance("nas-1", "lab", "KEY-A"));
        assertThatThrownBy(() -> catalog.enrol(appliance("nas-1", "lab", "KEY-B")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot enrol appliance nas-1: it is enrolled with another key;"
                        + " an admin must re-key it");
    }

    @Test
    void insertingASnapshotTwiceKeepsOneRow() throws Exception {
        SnapshotRecord record = snapshot("nas-1");

        assertThat(catalog.insert(record)).isTrue();
        assertThat(catalog.insert(record)).isFalse();
        assertThat(catalog.snapshots("nas-1", 10)).containsExactly(record);
    }

    @Test
    void theObjectLockOfARowIsKeptAndAnUnlockedRowHasNone() throws Exception {
        SnapshotRecord locked = snapshot("nas-1").withLock(Instant.parse("2026-03-01T10:00:01Z"),
                "COMPLIANCE");
        SnapshotRecord unlocked = snapshot("nas-2");

        catalog.insert(locked);
        catalog.insert(unlocked, new ConsumedPosition("snapshots", 0, 3));

        assertThat(catalog.snapshot(locked.id())).contains(locked);
        assertThat(catalog.snapshots("nas-1", 10)).containsExactly(locked);
        assertThat(catalog.snapshot(unlocked.id())).hasValueSatisfying(row -> {
            assertThat(row.retainUntil()).isNull();
            assertThat(row.lockMode()).isNull();
        });
    }

    @Test
    void aRowAndItsPartitionsPositionAreRecordedTogether() throws Exception {
        SnapshotRecord record = snapshot("nas-1");

        assertThat(catalog.insert(record, new ConsumedPosition("snapshots", 2, 10))).isTrue();

        assertThat(catalog.snapshot(record.id())).contains(record);
        assertThat(catalog.consumedPosition("snapshots", 2)).hasValue(10);
        assertThat(catalog.consumedPosition("snapshots", 1)).isEmpty();
        assertThat(catalog.consumedPosition("other", 2)).isEmpty();
    }

    @Test
    void theConsumedPositionOnlyMovesForward() throws Exception {
        SnapshotRecord first = snapshot("nas-1");
        catalog.insert(first, new ConsumedPosition("snapshots", 0, 10));

        catalog.insert(snapshot("nas-1"), new ConsumedPosition("snapshots", 0, 7));
        assertThat(catalog.consumedPosition("snapshots", 0)).as("a lower position").hasValue(10);
        catalog.insert(snapshot("nas-2"), new ConsumedPosition("snapshots", 0, 10));
        assertThat(catalog.consumedPosition("snapshots", 0)).as("the same position").hasValue(10);
        catalog.insert(snapshot("nas-2"), new ConsumedPosition("snapshots", 0, 12));
        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(12);

        assertThat(catalog.insert(first, new ConsumedPosition("snapshots", 0, 15)))
                .as("a row that is there already").isFalse();
        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(15);
        assertThat(catalog.snapshots("nas-1", 10)).hasSize(2);
    }

    @Test
    void aRowThatCannotBeRecordedLeavesThePositionWhereItWas() throws Exception {
        SnapshotRecord first = snapshot("nas-1");
        catalog.insert(first, new ConsumedPosition("snapshots", 0, 10));
        SnapshotRecord other = snapshot("nas-1");
        SnapshotRecord sameKey = new SnapshotRecord(other.id(), "nas-1", "lab", 2,
                Trigger.MANUAL, T0, "UTC", null, true, 10, "b".repeat(64), 20, "c".repeat(64),
                first.objectKey(), "F".repeat(40), T0, null, null);

        assertThatThrownBy(() -> catalog.insert(sameKey, new ConsumedPosition("snapshots", 0, 20)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("Cannot record snapshot " + other.id());

        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(10);
        assertThat(catalog.snapshot(other.id())).isEmpty();
    }

    @Test
    void aRowWithoutAPositionLeavesPositionsAlone() throws Exception {
        catalog.insert(snapshot("nas-1"), new ConsumedPosition("snapshots", 0, 10));

        assertThat(catalog.insert(snapshot("nas-1"))).isTrue();

        assertThat(catalog.consumedPosition("snapshots", 0)).hasValue(10);
        assertThat(catalog.snapshots("nas-1", 10)).hasSize(2);
    }

    @Test
    void aTokenIsKeptAsIssuedAndUnused() throws Exception {
        EnrolmentToken token = token(HASH, Purpose.ENROL, null);
        catalog.addEnrolmentToken(token);

        assertThat(catalog.enrolmentToken(HASH)).contains(token);
        assertThat(catalog.enrolmentToken("b".repeat(64))).isEmpty();
        assertThatThrownBy(() -> catalog.addEnrolmentToken(token))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot add enrolment token: a token with the same hash exists");
    }

    @Test
    void aTokenEnrolsTheApplianceInItsFleetAndIsUsedUp() throws Exception {
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));
        Instant at = T0.plusSeconds(60);

        Redemption outcome = catalog.redeem(redemption("nas-1", "KEY-A", at));

        Appliance expected = new Appliance("nas-1", "lab", "armored KEY-A", "KEY-A", at);
        assertThat(outcome).isEqualTo(new Redemption.Enrolled(expected));
        assertThat(catalog.appliance("nas-1")).contains(expected);
        assertThat(catalog.enrolmentToken(HASH)).hasValueSatisfying(t -> {
            assertThat(t.usedAt()).as("used at").isEqualTo(at);
            assertThat(t.usedBy()).as("used by").isEqualTo("nas-1");
        });
    }

    @Test
    void aUsedTokenEnrolsNobodyElseButAReplayIsConfirmed() throws Exception {
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));
        catalog.redeem(redemption("nas-1", "KEY-A", T0));

        assertThat(catalog.redeem(redemption("nas-2", "KEY-B", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.TOKEN_USED));
        assertThat(catalog.redeem(redemption("nas-1", "KEY-B", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.TOKEN_USED));
        assertThat(catalog.appliance("nas-2")).isEmpty();
        // The agent lost the first answer and asks again, even after the token expired.
        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", T0.plus(Duration.ofDays(9)))))
                .isInstanceOf(Redemption.Confirmed.class);
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint).contains("KEY-A");
    }

    @Test
    void aTokenExpiresAtItsExpiryInstant() throws Exception {
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));
        Instant expiry = T0.plus(Duration.ofHours(24));

        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", expiry)))
                .isEqualTo(new Redemption.Refused(Refusal.TOKEN_EXPIRED));
        assertThat(catalog.appliance("nas-1")).isEmpty();
        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", expiry.minusMillis(1))))
                .isInstanceOf(Redemption.Enrolled.class);
    }

    @Test
    void anUnknownTokenChangesNothing() throws Exception {
        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.UNKNOWN_TOKEN));
        assertThat(catalog.appliance("nas-1")).isEmpty();
    }

    @Test
    void aTokenForAnotherApplianceIsRefusedAndStaysUnused() throws Exception {
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, "nas-1"));

        assertThat(catalog.redeem(redemption("nas-2", "KEY-B", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.OTHER_APPLIANCE));
        assertThat(catalog.enrolmentToken(HASH)).map(EnrolmentToken::usedAt).isEmpty();
        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", T0)))
                .isInstanceOf(Redemption.Enrolled.class);
    }

    @Test
    void anotherKeyForAnEnrolledIdIsAConflictAndLeavesTheTokenUnused() throws Exception {
        catalog.enrol(appliance("nas-1", "lab", "KEY-A"));
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));

        assertThat(catalog.redeem(redemption("nas-1", "KEY-B", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.KEY_CONFLICT));
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint).contains("KEY-A");
        assertThat(catalog.enrolmentToken(HASH)).map(EnrolmentToken::usedAt).isEmpty();
    }

    @Test
    void theSameKeyWithAFreshTokenIsConfirmedAndUsesTheTokenUp() throws Exception {
        Appliance enrolled = appliance("nas-1", "lab", "KEY-A");
        catalog.enrol(enrolled);
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, "nas-1"));

        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", T0)))
                .isEqualTo(new Redemption.Confirmed(enrolled));
        assertThat(catalog.enrolmentToken(HASH)).map(EnrolmentToken::usedBy).contains("nas-1");
    }

    @Test
    void aRekeyTokenReplacesTheKeyOnce() throws Exception {
        catalog.enrol(appliance("nas-1", "lab", "KEY-A"));
        catalog.addEnrolmentToken(token(HASH, Purpose.REKEY, "nas-1"));
        Instant at = T0.plusSeconds(5);

        assertThat(catalog.redeem(redemption("nas-1", "KEY-B", at))).isEqualTo(
                new Redemption.Rekeyed(new Appliance("nas-1", "lab", "armored KEY-B", "KEY-B",
                        at), "KEY-A"));
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint).contains("KEY-B");
        assertThat(catalog.redeem(redemption("nas-1", "KEY-C", at)))
                .isEqualTo(new Redemption.Refused(Refusal.TOKEN_USED));
        assertThat(catalog.appliance("nas-1")).map(Appliance::fingerprint).contains("KEY-B");
    }

    @Test
    void anIdEnrolledInAnotherFleetIsAConflict() throws Exception {
        catalog.enrol(appliance("nas-1", "other", "KEY-A"));
        catalog.addEnrolmentToken(token(HASH, Purpose.ENROL, null));

        assertThat(catalog.redeem(redemption("nas-1", "KEY-A", T0)))
                .isEqualTo(new Redemption.Refused(Refusal.FLEET_CONFLICT));
        assertThat(catalog.appliance("nas-1")).map(Appliance::fleet).contains("other");
    }

    static EnrolmentToken token(String hash, Purpose purpose, String applianceId) {
        return EnrolmentToken.issued(hash, purpose, "lab", applianceId, T0,
                T0.plus(Duration.ofHours(24)));
    }

    static TokenRedemption redemption(String applianceId, String fingerprint, Instant at) {
        return new TokenRedemption(HASH, applianceId, "armored " + fingerprint, fingerprint, at);
    }

    static Appliance appliance(String id, String fleet, String fingerprint) {
        return new Appliance(id, fleet, "armored " + fingerprint, fingerprint, T0);
    }

    static SnapshotRecord snapshot(String applianceId) {
        SnapshotId id = SnapshotId.mint(Clock.fixed(T0, java.time.ZoneOffset.UTC));
        return new SnapshotRecord(id, applianceId, "lab", 1, Trigger.MANUAL, T0, "UTC", null,
                true, 10, "b".repeat(64), 20, "c".repeat(64),
                "snapshots/lab/" + applianceId + "/" + id + ".tar.pgp", "F".repeat(40), T0,
                null, null);
    }
}
