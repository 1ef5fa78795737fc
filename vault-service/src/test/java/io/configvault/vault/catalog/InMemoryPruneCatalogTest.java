package io.configvault.vault.catalog;

class InMemoryPruneCatalogTest extends PruneCatalogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    PruneCatalog prune() {
        return catalog;
    }

    @Override
    VerificationLog log() {
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
