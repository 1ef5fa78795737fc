package io.configvault.vault.testing;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.ingest.IngestMetrics;
import io.configvault.vault.ingest.SnapshotIngestor;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
        SnapshotRetriever retriever = new SnapshotRetriever(store, keys,
                new StorageSettings(spool.resolveSibling("catalog.db"), spool, MAX_BYTES));
        return new SnapshotIngestor(catalog, catalog, store, keys, clock, spool, MAX_BYTES,
                retriever, new IngestMetrics(new SimpleMeterRegistry()));
    }
}
