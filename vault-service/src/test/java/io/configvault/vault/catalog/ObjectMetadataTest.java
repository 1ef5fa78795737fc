package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectMetadataTest {

    private static final SnapshotRecord RECORD = new SnapshotRecord(
            SnapshotId.parse("0190f0a4-6b7e-7c3d-9a5e-0123456789ab"), "nas-1", "lab", 7,
            Trigger.MANUAL, Instant.parse("2026-03-29T01:30:00.123Z"), "Europe/Berlin",
            "before upgrade / ünïcode", true, 4096, "a".repeat(64), 5000, "b".repeat(64),
            "snapshots/lab/nas-1/0190f0a4-6b7e-7c3d-9a5e-0123456789ab.tar.pgp", "F1NGERPRINT",
            Instant.parse("2026-03-29T01:30:02Z"), null, null);

    @Test
    void theMetadataOfARowParsesBackToTheSameRow() {
        Map<String, String> metadata = ObjectMetadata.of(RECORD);

        assertThat(metadata.values()).allSatisfy(value ->
                assertThat(value).matches("\\p{ASCII}*"));
        assertThat(ObjectMetadata.parse(RECORD.objectKey(), RECORD.storedBytes(), metadata))
                .isEqualTo(RECORD);
    }

    @Test
    void aRowWithoutLabelRoundTrips() {
        SnapshotRecord unlabelled = new SnapshotRecord(RECORD.id(), RECORD.applianceId(),
                RECORD.fleet(), RECORD.sequence(), Trigger.SCHEDULE, RECORD.capturedAt(),
                RECORD.timeZone(), null, false, RECORD.bundleBytes(), RECORD.bundleSha256(),
                RECORD.storedBytes(), RECORD.storedSha256(), RECORD.objectKey(),
                RECORD.storageKey(), RECORD.storedAt(), null, null);

        assertThat(ObjectMetadata.parse(RECORD.objectKey(), RECORD.storedBytes(),
                ObjectMetadata.of(unlabelled))).isEqualTo(unlabelled);
    }

    @Test
    void missingOrMalformedFieldsAreNamed() {
        Map<String, String> missing = new HashMap<>(ObjectMetadata.of(RECORD));
        missing.remove("cv-stored-at");
        Map<String, String> badDigest = new HashMap<>(ObjectMetadata.of(RECORD));
        badDigest.put(ObjectMetadata.BUNDLE_SHA256, "not-a-digest");
        Map<String, String> foreign = new HashMap<>(ObjectMetadata.of(RECORD));
        foreign.remove(ObjectMetadata.FORMAT);

        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, missing))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cv-stored-at");
        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, badDigest))
                .hasMessageContaining(ObjectMetadata.BUNDLE_SHA256);
        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, foreign))
                .hasMessageContaining("cv-format");
    }

    @Test
    void theObjectLockRoundTripsAndIsAbsentWithoutOne() {
        SnapshotRecord locked = RECORD.withLock(Instant.parse("2027-03-29T01:30:03Z"),
                "COMPLIANCE");

        Map<String, String> metadata = ObjectMetadata.of(locked);

        assertThat(metadata).containsEntry(ObjectMetadata.RETAIN_UNTIL, "2027-03-29T01:30:03Z")
                .containsEntry(ObjectMetadata.LOCK_MODE, "COMPLIANCE");
        assertThat(ObjectMetadata.parse(RECORD.objectKey(), RECORD.storedBytes(), metadata))
                .isEqualTo(locked);
        assertThat(ObjectMetadata.of(RECORD)).doesNotContainKeys(ObjectMetadata.RETAIN_UNTIL,
                ObjectMetadata.LOCK_MODE);
    }

    @Test
    void aPartialOrUnknownObjectLockIsMalformed() {
        Map<String, String> locked = ObjectMetadata.of(RECORD.withLock(
                Instant.parse("2027-03-29T01:30:03Z"), "GOVERNANCE"));
        Map<String, String> withoutMode = new HashMap<>(locked);
        withoutMode.remove(ObjectMetadata.LOCK_MODE);
        Map<String, String> withoutDate = new HashMap<>(locked);
        withoutDate.remove(ObjectMetadata.RETAIN_UNTIL);
        Map<String, String> unknownMode = new HashMap<>(locked);
        unknownMode.put(ObjectMetadata.LOCK_MODE, "governance");
        Map<String, String> badDate = new HashMap<>(locked);
        badDate.put(ObjectMetadata.RETAIN_UNTIL, "next year");

        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, withoutMode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("object k has malformed metadata: cv-lock-mode is missing");
        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, withoutDate))
                .hasMessage("object k has malformed metadata: cv-retain-until is missing");
        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, unknownMode))
                .hasMessage("object k has malformed metadata: cv-lock-mode is not GOVERNANCE or"
                        + " COMPLIANCE");
        assertThatThrownBy(() -> ObjectMetadata.parse("k", 1, badDate))
                .hasMessageStartingWith("object k has malformed metadata: Text 'next year'");
    }

    @Test
    void aRowWithHalfALockIsRefused() {
        assertThatThrownBy(() -> RECORD.withLock(Instant.parse("2027-03-29T01:30:03Z"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Object Lock has both a retain-until and a mode, or neither"
                        + " (snapshot " + RECORD.id() + ")");
        assertThatThrownBy(() -> RECORD.withLock(Instant.parse("2027-03-29T01:30:03Z"), "LEGAL"))
                .hasMessage("the Object Lock mode is GOVERNANCE or COMPLIANCE, not 'LEGAL'"
                        + " (snapshot " + RECORD.id() + ")");
    }
}
