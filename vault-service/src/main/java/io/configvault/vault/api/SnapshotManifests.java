package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.StoredManifest;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.retrieve.StorageKeyUnavailableException;
import io.configvault.vault.store.StoreException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * A snapshot's manifest for the API: the catalog's copy when the ingest recorded one, else read
 * from the stored object ({@link SnapshotRetriever#manifest}: fetched, checked and decrypted,
 * only the first entry parsed). Bounded either way by the bundle limits. Thread-safe.
 */
@Singleton
final class SnapshotManifests {

    static final String CATALOG = "catalog";
    static final String OBJECT = "object";

    /** A manifest and where it came from ({@link #CATALOG} or {@link #OBJECT}). */
    record Found(StoredManifest manifest, String source) {
    }

    private final FleetCatalog catalog;
    private final SnapshotRetriever retriever;

    SnapshotManifests(FleetCatalog catalog, SnapshotRetriever retriever) {
        this.catalog = catalog;
        this.retriever = retriever;
    }

    Found of(SnapshotRecord snapshot) throws CatalogException, StoreException, IOException {
        var recorded = catalog.manifest(snapshot.id());
        if (recorded.isPresent()) {
            return new Found(recorded.get(), CATALOG);
        }
        try {
            return new Found(StoredManifest.of(retriever.manifest(snapshot)), OBJECT);
        } catch (StorageKeyUnavailableException e) {
            throw ApiProblem.unavailable("The manifest of snapshot " + snapshot.id()
                    + " is not in the catalog and its object is encrypted to a storage key this"
                    + " vault does not have; configure that key and try again.");
        } catch (IntegrityException e) {
            throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "Integrity Check Failed",
                    "Snapshot " + snapshot.id() + " failed verification; its manifest is not"
                    + " shown.");
        }
    }
}
