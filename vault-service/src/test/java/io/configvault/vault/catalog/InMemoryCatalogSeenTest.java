package io.configvault.vault.catalog;

class InMemoryCatalogSeenTest extends ApplianceSeenContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }
}
