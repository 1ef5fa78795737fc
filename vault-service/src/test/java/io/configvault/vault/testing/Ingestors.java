package io.configvault.vault.testing;

import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.ingest.AssembledSnapshot;
import io.configvault.vault.ingest.IngestMetrics;
import io.configvault.vault.ingest.IngestOutcome;
import io.configvault.vault.ingest.SnapshotIngestor;
import io.configvault.vault.ingest.TransientIngestException;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** A {@link SnapshotIngestor} wired like the vault's, for tests that are about something else. */
public final class Ingestors {

    /** A consumed position to record with rows in tests that do not look at positions. */
    public static final ConsumedPosition POSITION =
            new ConsumedPosition("configvault.snapshots", 0, 1);

    private static final long MAX_BYTES = 1L << 30;

    private Ingestors() {
    }

    public static <C extends Catalog & FleetCatalog> SnapshotIngestor of(C catalog,
            BlobStore store, VaultKeys keys, Clock clock, Path spool) {
        return new SnapshotIngestor(catalog, catalog, store, keys, clock, spool, MAX_BYTES,
                retriever(store, keys, spool), new IngestMetrics(new SimpleMeterRegistry()));
    }

    /** A retriever like the vault's on {@code store}, spooling into {@code spool}. */
    public static SnapshotRetriever retriever(BlobStore store, VaultKeys keys, Path spool) {
        return new SnapshotRetriever(store, keys,
                new StorageSettings(spool.resolveSibling("catalog.db"), spool, MAX_BYTES));
    }

    /**
     * Ingests {@code sealed} as its appliance's event and returns the row it was stored with.
     *
     * @throws IllegalStateException when the ingestor does not store it
     */
    public static SnapshotRecord store(SnapshotIngestor ingestor, TestSnapshots.Sealed sealed)
            throws IOException, TransientIngestException {
        IngestOutcome outcome = ingestor.ingest(new AssembledSnapshot(sealed.applianceId(),
                sealed.id(), sealed.file(), Files.size(sealed.file()), Sha256.of(sealed.file())),
                POSITION);
        if (!(outcome instanceof IngestOutcome.Stored stored)) {
            throw new IllegalStateException("Snapshot " + sealed.id() + " was not stored: "
                    + outcome);
        }
        return stored.snapshot();
    }
}
