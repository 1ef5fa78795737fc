package io.configvault.vault.catalog;

class InMemorySnapshotRequestCatalogTest extends SnapshotRequestCatalogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    SnapshotRequestCatalog requests() {
        return catalog;
    }
}
