package io.configvault.vault.catalog;

class InMemoryPolicyCatalogTest extends PolicyCatalogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    PolicyCatalog policies() {
        return catalog;
    }

    @Override
    AuditLog audit() {
        return catalog;
    }
}
