package io.configvault.vault.catalog;

class InMemoryApiTokenCatalogTest extends ApiTokenCatalogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    ApiTokenCatalog tokens() {
        return catalog;
    }
}
