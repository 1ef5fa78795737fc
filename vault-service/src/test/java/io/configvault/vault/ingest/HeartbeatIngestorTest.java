package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatIngestorTest {

    static final Instant NOW = Instant.parse("2026-11-23T03:50:00Z");
    static final SnapshotId LAST = SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab");

    static Keys ingestKey;
    static Keys storageKey;
    static Keys applianceKey;
    static Keys foreignKey;

    SnapshotIngestorTest.FlakyCatalog catalog;
    HeartbeatIngestor ingestor;

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        applianceKey = Keys.generate("nas-1");
        foreignKey = Keys.generate("mallory");
    }

    @BeforeEach
    void vault() throws Exception {
        catalog = new SnapshotIngestorTest.FlakyCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", applianceKey.publicKey().armored(),
                applianceKey.publicKey().fingerprint(), NOW.minus(Duration.ofDays(30))));
        VaultKeys keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        ingestor = new HeartbeatIngestor(catalog, catalog.delegate, keys,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TestSnapshots.SealedHeartbeat sealed(Heartbeat heartbeat, Keys signer)
            throws Exception {
        return TestSnapshots.seal(heartbeat, ingestKey.publicKey(), signer.secret());
    }

    private static Heartbeat heartbeat(String appliance, Instant at) {
        return TestSnapshots.heartbeat(appliance, "lab", at, LAST);
    }

    @Test
    void aVerifiedHeartbeatRecordsTheLastSignOfLifeAndStoresNothing() throws Exception {
        Heartbeat heartbeat = heartbeat("nas-1", NOW.minusSeconds(5));

        IngestOutcome outcome = ingestor.ingest(sealed(heartbeat, applianceKey).segment("nas-1"));

        ApplianceSeen expected = new ApplianceSeen("nas-1", NOW.minusSeconds(5), LAST,
                heartbeat.contentDigest());
        assertThat(outcome).isEqualTo(new IngestOutcome.Seen(expected));
        assertThat(catalog.seen("nas-1")).contains(expected);
        assertThat(catalog.delegate.agentVersion("nas-1")).contains(heartbeat.agentVersion());
        assertThat(catalog.snapshots("nas-1", 10)).as("no snapshot row").isEmpty();
    }

    @Test
    void theLastSignOfLifeOnlyMovesForwardAndNeverPastTheVaultsClock() throws Exception {
        TestSnapshots.SealedHeartbeat newer = sealed(heartbeat("nas-1", NOW.minusSeconds(5)),
                applianceKey);
        ingestor.ingest(newer.segment("nas-1"));

        ingestor.ingest(sealed(heartbeat("nas-1", NOW.minusSeconds(3600)), applianceKey)
                .segment("nas-1"));
        ingestor.ingest(newer.segment("nas-1"));
        assertThat(catalog.seen("nas-1")).map(ApplianceSeen::lastSeenAt)
                .as("a replayed or redelivered older heartbeat").contains(NOW.minusSeconds(5));

        ingestor.ingest(sealed(heartbeat("nas-1", NOW.plus(Duration.ofDays(365))), applianceKey)
                .segment("nas-1"));
        assertThat(catalog.seen("nas-1")).map(ApplianceSeen::lastSeenAt)
                .as("an appliance clock running ahead").contains(NOW);
    }

    @Test
    void refusesAForeignSignerAnUnknownApplianceAndAMismatchedIdentity() throws Exception {
        var foreign = (IngestOutcome.Refused) ingestor.ingest(
                sealed(heartbeat("nas-1", NOW), foreignKey).segment("nas-1"));
        assertThat(foreign.reason()).containsIgnoringCase("sign");
        assertThat(foreign.category()).isEqualTo(RefusalCategory.SIGNATURE);

        var unknown = (IngestOutcome.Refused) ingestor.ingest(
                sealed(heartbeat("nas-9", NOW), applianceKey).segment("nas-9"));
        assertThat(unknown.reason()).isEqualTo("appliance nas-9 is not enrolled");
        assertThat(unknown.category()).isEqualTo(RefusalCategory.UNKNOWN_APPLIANCE);

        var swapped = (IngestOutcome.Refused) ingestor.ingest(
                sealed(heartbeat("nas-2", NOW), applianceKey).segment("nas-1"));
        assertThat(swapped.reason())
                .isEqualTo("signed heartbeat names appliance nas-2, the event nas-1");
        assertThat(swapped.category()).isEqualTo(RefusalCategory.IDENTITY);

        Heartbeat document = heartbeat("nas-1", NOW);
        TestSnapshots.SealedHeartbeat good = sealed(document, applianceKey);
        SnapshotId otherId = SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab");
        var renamed = (IngestOutcome.Refused) ingestor.ingest(new Segment("nas-1", otherId, 0, 1,
                good.sealed().length, Sha256.of(good.sealed()), good.sealed(),
                EventKind.HEARTBEAT));
        assertThat(renamed.reason()).isEqualTo("signed heartbeat names id "
                + document.heartbeatId() + ", the event " + otherId);

        var otherFleet = (IngestOutcome.Refused) ingestor.ingest(sealed(TestSnapshots.heartbeat(
                "nas-1", "prod", NOW, LAST), applianceKey).segment("nas-1"));
        assertThat(otherFleet.reason())
                .isEqualTo("signed heartbeat names fleet prod, the appliance is enrolled in lab");

        assertThat(catalog.seen("nas-1")).isEmpty();
        assertThat(catalog.delegate.lastRefusal("nas-1")).hasValueSatisfying(error -> {
            assertThat(error.at()).isEqualTo(NOW);
            assertThat(error.category()).isEqualTo("identity");
            assertThat(error.reason()).isEqualTo(otherFleet.reason());
        });
        assertThat(catalog.delegate.lastRefusal("nas-9")).isEmpty();
    }

    @Test
    void refusesOversizedAlteredAndMalformedHeartbeats() throws Exception {
        byte[] large = new byte[SegmentCodec.MAX_HEARTBEAT_BYTES + 1];
        var oversized = (IngestOutcome.Refused) ingestor.ingest(new Segment("nas-1",
                SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab"), 0, 1, large.length,
                Sha256.of(large), large, EventKind.HEARTBEAT));
        assertThat(oversized.reason())
                .isEqualTo("heartbeat of 65537 bytes exceeds the limit of 65536");
        assertThat(oversized.category()).isEqualTo(RefusalCategory.LIMITS);

        TestSnapshots.SealedHeartbeat good = sealed(heartbeat("nas-1", NOW), applianceKey);
        byte[] flipped = good.sealed().clone();
        flipped[flipped.length / 2] ^= 1;
        var altered = (IngestOutcome.Refused) ingestor.ingest(new Segment("nas-1",
                good.heartbeat().heartbeatId(), 0, 1, flipped.length, Sha256.of(good.sealed()),
                flipped, EventKind.HEARTBEAT));
        assertThat(altered.reason())
                .isEqualTo("heartbeat does not match its announced length and SHA-256");
        assertThat(altered.category()).isEqualTo(RefusalCategory.INTEGRITY);

        var notJson = (IngestOutcome.Refused) ingestor.ingest(TestSnapshots.sealBytes(
                good.heartbeat(), "not a heartbeat".getBytes(StandardCharsets.UTF_8),
                ingestKey.publicKey(), applianceKey.secret()).segment("nas-1"));
        assertThat(notJson.reason()).isEqualTo("heartbeat refused: heartbeat is not valid JSON");
        assertThat(notJson.category()).isEqualTo(RefusalCategory.MALFORMED);

        var tooLong = (IngestOutcome.Refused) ingestor.ingest(TestSnapshots.sealBytes(
                good.heartbeat(), new byte[8192], ingestKey.publicKey(), applianceKey.secret())
                .segment("nas-1"));
        assertThat(tooLong.reason()).containsIgnoringCase("4096");

        assertThat(catalog.seen("nas-1")).isEmpty();
    }

    @Test
    void aCatalogFailureIsTransientAndRecordsNothing() throws Exception {
        catalog.failInserts = true;

        assertThatThrownBy(() -> ingestor.ingest(sealed(heartbeat("nas-1", NOW), applianceKey)
                .segment("nas-1")))
                .isInstanceOf(TransientIngestException.class)
                .hasMessageStartingWith("Cannot ingest heartbeat ")
                .hasMessageEndingWith(" of appliance nas-1: catalog unavailable (disk full)");
        assertThat(catalog.seen("nas-1")).isEmpty();
    }
}
