package io.configvault.vault.catalog;

class InMemoryAuditLogTest extends AuditLogContract {

    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @Override
    AuditLog log() {
        return catalog;
    }
}
