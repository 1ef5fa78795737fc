package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.JsonLogs;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * One partition's records through decoding, reassembly and ingest, without Kafka: which position
 * is recorded with each row, what may be committed, what is quarantined, and that a transient
 * failure records and quarantines nothing.
 */
class PartitionIngestTest {

    static Keys ingestKey;
    static Keys storageKey;
    static Keys applianceKey;
    static Keys foreignKey;

    @TempDir
    Path dir;

    final AtomicLong nanos = new AtomicLong(5_000);
    SnapshotIngestorTest.FlakyCatalog catalog;
    InMemoryBlobStore store;
    RecordingQuarantine quarantine;
    SimpleMeterRegistry registry;
    PartitionIngest partition;

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        applianceKey = Keys.generate("nas-1");
        foreignKey = Keys.generate("mallory");
    }

    @BeforeEach
    void partition() throws Exception {
        catalog = new SnapshotIngestorTest.FlakyCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", applianceKey.publicKey().armored(),
                applianceKey.publicKey().fingerprint(), Instant.now()));
        store = new InMemoryBlobStore();
        quarantine = new RecordingQuarantine();
        registry = new SimpleMeterRegistry();
        VaultKeys keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        Path spool = Files.createDirectories(dir.resolve("spool"));
        IngestMetrics metrics = new IngestMetrics(registry);
        SnapshotIngestor snapshots = new SnapshotIngestor(catalog, catalog.delegate, store, keys,
                Clock.systemUTC(),
                spool, 1 << 30, new SnapshotRetriever(store, keys,
                        new StorageSettings(dir.resolve("catalog.db"), spool, 1 << 30)), metrics);
        PartitionAssembler assembler = new PartitionAssembler(spool, "p3",
                new ReassemblyLimits(1 << 30, 1000, 8, Duration.ofMinutes(10)), nanos::get);
        partition = new PartitionIngest("snapshots", 3, assembler, snapshots,
                new HeartbeatIngestor(catalog, catalog.delegate, keys, Clock.systemUTC()),
                quarantine, metrics,
                FaultPoint.NONE);
    }

    @Test
    void aStoredSnapshotsRowCarriesThePositionAfterItsLastSegment() throws Exception {
        List<EncodedRecord> records = records(applianceKey);

        feed(100, records);

        long end = 100 + records.size();
        assertThat(catalog.consumedPosition("snapshots", 3)).hasValue(end);
        assertThat(partition.commitPosition()).hasValue(end);
        assertThat(counter("configvault.ingest.snapshots.stored")).isEqualTo(1.0);
        assertThat(quarantine.notices).isEmpty();
    }

    @Test
    void aStoredSnapshotsLatencySinceItsFirstSegmentIsTimedOnTheAssemblersClock()
            throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        partition.accept(0, records.getFirst());
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        feed(1, records.subList(1, records.size()));

        var sinceFirst = registry.get("configvault.ingest.latency").tag("since", "first-segment")
                .timer();
        assertThat(sinceFirst.count()).isEqualTo(1);
        assertThat(sinceFirst.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(registry.get("configvault.ingest.latency").tag("since", "capture").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void inJsonTheIngestsLogLinesCarryTheSnapshotsIdsAndTheMdcIsClearedAfterwards()
            throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        String snapshotId = SegmentCodec.decode(records.getFirst()).snapshotId().toString();

        try (JsonLogs.Recorder log = new JsonLogs.Recorder(SnapshotIngestor.class)) {
            feed(0, records);

            JsonNode stored = log.line("Stored snapshot " + snapshotId);
            assertThat(stored.path("level").asText()).isEqualTo("INFO");
            assertThat(stored.path("mdc").path("applianceId").asText()).isEqualTo("nas-1");
            assertThat(stored.path("mdc").path("snapshotId").asText()).isEqualTo(snapshotId);
            assertThat(stored.path("mdc").path("fleet").asText()).isEqualTo("lab");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void neitherTheRowsPositionNorTheCommitPassesASnapshotStillOpen() throws Exception {
        List<EncodedRecord> open = records(applianceKey);
        List<EncodedRecord> complete = records(applianceKey);
        partition.accept(10, open.getFirst());

        feed(11, complete);

        assertThat(catalog.consumedPosition("snapshots", 3)).hasValue(10);
        assertThat(partition.commitPosition()).hasValue(10);

        long next = 11 + complete.size();
        feed(next, open.subList(1, open.size()));
        long end = next + open.size() - 1;
        assertThat(catalog.consumedPosition("snapshots", 3)).hasValue(end);
        assertThat(partition.commitPosition()).hasValue(end);
    }

    @Test
    void aStalledSnapshotIsQuarantinedAfterTheTimeoutAndTheCommitMovesOn() throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        feed(0, records.subList(0, 2));
        assertThat(partition.reassembling()).isTrue();
        assertThat(partition.expire()).as("before the timeout").isFalse();
        assertThat(partition.commitPosition()).hasValue(0);

        nanos.addAndGet(Duration.ofMinutes(10).toNanos());

        assertThat(partition.expire()).isTrue();
        assertThat(quarantine.notices).singleElement().satisfies(notice -> {
            assertThat(notice.offset()).as("the snapshot's first segment").isZero();
            assertThat(notice.partition()).isEqualTo(3);
            assertThat(notice.category()).isEqualTo(RefusalCategory.TIMEOUT);
            assertThat(notice.applianceId()).isEqualTo("nas-1");
            assertThat(notice.reason()).contains(": 2 of " + records.size() + " segments arrived");
        });
        assertThat(partition.commitPosition()).hasValue(2);
        assertThat(partition.reassembling()).isFalse();
        assertThat(quarantined("timeout")).isEqualTo(1.0);
        assertThat(catalog.consumedPosition("snapshots", 3)).isEmpty();
    }

    @Test
    void garbageAndForeignSnapshotsAreQuarantinedByCategoryAndPassed() throws Exception {
        partition.accept(0, new EncodedRecord("nas-1".getBytes(), List.of(), new byte[] {1, 2}));
        List<EncodedRecord> forged = records(foreignKey);
        feed(1, forged);

        assertThat(quarantine.notices).extracting(Quarantine.Notice::category)
                .containsExactly(RefusalCategory.MALFORMED, RefusalCategory.SIGNATURE);
        assertThat(quarantine.notices.getFirst().applianceId()).isNull();
        assertThat(quarantined("malformed")).isEqualTo(1.0);
        assertThat(quarantined("signature")).isEqualTo(1.0);
        assertThat(quarantined("limits")).as("registered at zero").isZero();
        assertThat(partition.commitPosition()).hasValue(1 + forged.size());
        assertThat(store.size()).isZero();
    }

    @Test
    void aRedeliveredSnapshotIsCountedAsADuplicate() throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        feed(0, records);

        feed(records.size(), records);

        assertThat(counter("configvault.ingest.snapshots.stored")).isEqualTo(1.0);
        assertThat(counter("configvault.ingest.snapshots.duplicate")).isEqualTo(1.0);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aTransientFailureRecordsNothingAndQuarantinesNothing() throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        catalog.failInserts = true;
        feed(20, records.subList(0, records.size() - 1));

        assertThatThrownBy(() -> partition.accept(20 + records.size() - 1, records.getLast()))
                .isInstanceOf(TransientIngestException.class)
                .hasMessageContaining("catalog unavailable");

        assertThat(quarantine.notices).isEmpty();
        assertThat(catalog.consumedPosition("snapshots", 3)).isEmpty();
        assertThat(counter("configvault.ingest.snapshots.stored")).isZero();
        partition.clear();
        assertThat(partition.commitPosition()).as("nothing to commit after the rewind").isEmpty();
        assertThat(partition.restartPosition(OptionalLong.empty()))
                .as("where the consumer started").isEqualTo(20);
        assertThat(partition.reassembling()).isFalse();
    }

    @Test
    void aRevokedPartitionDropsItsReassemblyAndSpoolFiles() throws Exception {
        List<EncodedRecord> records = records(applianceKey);
        feed(0, records.subList(0, 2));
        assertThat(spoolFiles()).as("one spool file while reassembling").hasSize(1);

        partition.clear();

        assertThat(spoolFiles()).isEmpty();
        assertThat(partition.reassembling()).isFalse();
        assertThat(partition.commitPosition()).isEmpty();
        assertThat(quarantine.notices).as("dropped, not refused").isEmpty();
    }

    @Test
    void aQuarantineThatCannotBeWrittenIsTransientAndNotCounted() {
        quarantine.fail = true;

        assertThatThrownBy(() -> partition.accept(0,
                new EncodedRecord("nas-1".getBytes(), List.of(), new byte[] {1})))
                .isInstanceOf(TransientIngestException.class)
                .hasMessage("Cannot quarantine event: broker unreachable (test)");

        assertThat(quarantined("malformed")).isZero();
    }

    @Test
    void aRestartTakesTheCatalogsPositionOnlyWhenItIsLaterAndWasRead() throws Exception {
        partition.startAt(5);
        feed(5, records(applianceKey));

        assertThat(partition.restartPosition(OptionalLong.empty())).isEqualTo(5);
        assertThat(partition.restartPosition(OptionalLong.of(7))).isEqualTo(7);
        assertThat(partition.restartPosition(OptionalLong.of(3))).isEqualTo(5);
        assertThat(partition.restartPosition(OptionalLong.of(1_000)))
                .as("a position from an older life of the topic").isEqualTo(5);
        partition.committed(8);
        assertThat(partition.restartPosition(OptionalLong.of(7))).isEqualTo(8);
    }

    private List<EncodedRecord> records(Keys signer) throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "row ".repeat(800)), ingestKey.publicKey(), signer.secret());
        List<EncodedRecord> records = sealed.records(1024);
        assertThat(records).hasSizeGreaterThan(2);
        return records;
    }

    private List<Path> spoolFiles() throws Exception {
        try (var files = Files.list(dir.resolve("spool"))) {
            return files.toList();
        }
    }

    private void feed(long firstOffset, List<EncodedRecord> records) throws Exception {
        for (int i = 0; i < records.size(); i++) {
            partition.accept(firstOffset + i, records.get(i));
        }
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double quarantined(String category) {
        return registry.get("configvault.ingest.quarantined").tag("category", category)
                .counter().count();
    }

    /** Keeps the notices; can be made to fail like an unreachable broker. */
    static final class RecordingQuarantine implements Quarantine {
        final List<Notice> notices = new ArrayList<>();
        boolean fail;

        @Override
        public void send(Notice notice) throws TransientIngestException {
            if (fail) {
                throw new TransientIngestException("Cannot quarantine event: broker unreachable"
                        + " (test)", null);
            }
            notices.add(notice);
        }
    }
}
