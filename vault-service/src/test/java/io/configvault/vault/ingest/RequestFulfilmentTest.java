package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRequestRow;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest fulfils a snapshot request when it stores a snapshot whose signed manifest names
 * it: only the row of the manifest's appliance, the first snapshot only, and again on a
 * redelivery of a recorded snapshot (the crash-between case).
 */
class RequestFulfilmentTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final ConsumedPosition AFTER = new ConsumedPosition("snapshots", 0, 7);

    static Keys ingestKey;
    static Keys storageKey;
    static Keys nas1;

    @TempDir
    Path dir;

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final SnapshotId request = SnapshotId.mint(Clock.systemUTC());
    SnapshotIngestor ingestor;

    @BeforeAll
    static void keys() {
        ingestKey = Keys.generate("ingest");
        storageKey = Keys.generate("storage");
        nas1 = Keys.generate("nas-1");
    }

    @BeforeEach
    void vault() throws Exception {
        catalog.enrol(new Appliance("nas-1", "lab", nas1.publicKey().armored(),
                nas1.publicKey().fingerprint(), T0));
        for (String appliance : List.of("nas-1", "nas-2")) {
            catalog.addSnapshotRequest(new SnapshotRequestRow(request, appliance, "lab",
                    SnapshotRequestRow.FLEET_SCOPE, "x", T0, "ops", T0.plusSeconds(3600), null,
                    null));
        }
        Files.createDirectories(dir.resolve("spool"));
        InMemoryBlobStore store = new InMemoryBlobStore();
        VaultKeys keys = new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of());
        SnapshotRetriever retriever = new SnapshotRetriever(store, keys, new StorageSettings(
                dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 30));
        ingestor = new SnapshotIngestor(catalog, catalog, store, keys, Clock.systemUTC(),
                dir.resolve("spool"), 1 << 30, retriever,
                new IngestMetrics(new SimpleMeterRegistry()), FaultPoint.NONE, LockTerms.NONE,
                new RequestFulfilment(catalog));
    }

    @Test
    void aStoredSnapshotNamingTheRequestFulfilsItsAppliancesRowOnly() throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.sealRequested(dir, "nas-1", "lab", request,
                ingestKey.publicKey(), nas1.secret());

        var stored = (IngestOutcome.Stored) ingestor.ingest(assembled(sealed), AFTER);

        List<SnapshotRequestRow> rows = catalog.snapshotRequest(request, null, 10);
        assertThat(rows.get(0).fulfilledBy()).isEqualTo(sealed.id());
        assertThat(rows.get(0).fulfilledAt()).isEqualTo(stored.snapshot().storedAt());
        assertThat(rows.get(1).fulfilledBy()).as("nas-2's part").isNull();
    }

    @Test
    void aRedeliveryOfARecordedSnapshotFulfilsWhatACrashLeftPending() throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.sealRequested(dir, "nas-1", "lab", request,
                ingestKey.publicKey(), nas1.secret());
        SnapshotIngestor withoutRequests = new SnapshotIngestor(catalog, catalog,
                new InMemoryBlobStore(),
                new VaultKeys(ingestKey.secret(), storageKey.secret(), List.of()),
                Clock.systemUTC(), dir.resolve("spool"), 1 << 30, null,
                new IngestMetrics(new SimpleMeterRegistry()));
        withoutRequests.ingest(assembled(sealed), AFTER);
        assertThat(catalog.snapshotRequest(request, null, 1).getFirst().fulfilledBy()).isNull();

        assertThat(ingestor.ingest(assembled(sealed), AFTER))
                .isInstanceOf(IngestOutcome.Duplicate.class);

        assertThat(catalog.snapshotRequest(request, null, 1).getFirst().fulfilledBy())
                .isEqualTo(sealed.id());
    }

    @Test
    void aSecondSnapshotForTheSameRequestLeavesTheFirst() throws Exception {
        TestSnapshots.Sealed first = TestSnapshots.sealRequested(dir, "nas-1", "lab", request,
                ingestKey.publicKey(), nas1.secret());
        TestSnapshots.Sealed second = TestSnapshots.sealRequested(dir, "nas-1", "lab", request,
                ingestKey.publicKey(), nas1.secret());

        ingestor.ingest(assembled(first), AFTER);
        ingestor.ingest(assembled(second), new ConsumedPosition("snapshots", 0, 8));

        assertThat(catalog.snapshotRequest(request, null, 1).getFirst().fulfilledBy())
                .isEqualTo(first.id());
    }

    private static AssembledSnapshot assembled(TestSnapshots.Sealed sealed) throws Exception {
        return new AssembledSnapshot(sealed.applianceId(), sealed.id(), sealed.file(),
                Files.size(sealed.file()), Sha256.of(sealed.file()));
    }
}
