package io.configvault.vault.catalog;

class InMemoryCatalogVerificationTest extends VerificationLogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    VerificationLog log() {
        return catalog;
    }
}
