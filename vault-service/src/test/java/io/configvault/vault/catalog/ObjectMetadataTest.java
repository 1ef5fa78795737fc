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
            Instant.parse("2026-03-29T01:30:02Z"));

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
                RECORD.storageKey(), RECORD.storedAt());

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
}
