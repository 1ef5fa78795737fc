package io.configvault.vault.rebuild;

import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.ingest.ObjectKeys;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rebuilds snapshot rows from the bucket: lists {@code snapshots/} page by page (only one page in
 * memory), HEADs each object and inserts the row its metadata describes
 * ({@link ObjectMetadata#parse}: every column but the key and size comes from the metadata, so
 * the rows equal the ones the vault wrote). An object whose metadata cannot be read, whose key is
 * not the one its metadata implies, or whose snapshot id another object already claimed is
 * skipped and reported; the others are still rebuilt. Writes into whatever catalog it is given:
 * refusing to merge into a full one is the command's job. Not thread-safe; run once.
 */
public final class CatalogRebuilder {

    static final String SNAPSHOTS = "snapshots/";

    private final BlobStore store;
    private final Catalog catalog;
    private final int pageSize;

    /** @param pageSize objects per listing request (1 to 1000) */
    public CatalogRebuilder(BlobStore store, Catalog catalog, int pageSize) {
        this.store = store;
        this.catalog = catalog;
        this.pageSize = pageSize;
    }

    /** What the rebuild did. */
    public record Result(long objects, long rows, long skipped) {
    }

    /** An object that gave no row, and why. */
    public record Skipped(String key, String reason) {
    }

    /**
     * @param onSkipped told of each skipped object as it is met (nothing is collected)
     * @throws StoreException   when the bucket fails; the catalog then holds part of the rows
     * @throws CatalogException when the catalog fails; likewise
     */
    public Result rebuild(Consumer<Skipped> onSkipped) throws StoreException, CatalogException {
        long objects = 0;
        long rows = 0;
        long skipped = 0;
        String after = null;
        do {
            BlobStore.Page page = store.list(SNAPSHOTS, after, pageSize);
            for (BlobStore.ListedBlob listed : page.blobs()) {
                objects++;
                Optional<String> problem = rebuild(listed.key());
                if (problem.isEmpty()) {
                    rows++;
                } else {
                    skipped++;
                    onSkipped.accept(new Skipped(listed.key(), problem.get()));
                }
            }
            after = page.next().orElse(null);
        } while (after != null);
        return new Result(objects, rows, skipped);
    }

    /** Inserts the object's row; the reason it cannot, if so. */
    private Optional<String> rebuild(String key) throws StoreException, CatalogException {
        Optional<BlobStore.BlobInfo> head = store.head(key);
        if (head.isEmpty()) {
            return Optional.of("it vanished during the rebuild");
        }
        SnapshotRecord row;
        String expectedKey;
        try {
            row = ObjectMetadata.parse(key, head.get().size(), head.get().metadata());
            expectedKey = ObjectKeys.snapshot(row.fleet(), row.applianceId(), row.id());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!expectedKey.equals(key)) {
            return Optional.of("its metadata describes snapshot " + row.id() + " of appliance "
                    + row.applianceId() + " in fleet " + row.fleet() + ", which the vault stores"
                    + " under " + expectedKey + " (a moved or copied object)");
        }
        if (!catalog.insert(row)) {
            return Optional.of("snapshot " + row.id() + " already has a row (from another object"
                    + " or an earlier run)");
        }
        return Optional.empty();
    }
}
