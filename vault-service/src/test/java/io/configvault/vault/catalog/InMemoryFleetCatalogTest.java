package io.configvault.vault.catalog;

class InMemoryFleetCatalogTest extends FleetCatalogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    FleetCatalog fleet() {
        return catalog;
    }

    @Override
    PruneCatalog prune() {
        return catalog;
    }
}
