package io.configvault.vault.catalog;

import java.nio.file.Path;

class InMemoryCatalogTest extends CatalogContract {

    @Override
    Catalog open(Path dir) {
        return new InMemoryCatalog();
    }
}
