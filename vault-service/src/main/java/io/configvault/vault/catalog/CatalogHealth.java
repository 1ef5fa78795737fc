package io.configvault.vault.catalog;

/**
 * What the vault's health endpoint asks of the catalog. Both checks are cheap (no write, no
 * scan) and safe to call every few seconds from any thread.
 */
public interface CatalogHealth {

    /**
     * Checks that the catalog answers a query and that its files can be written: the database,
     * its write-ahead log and their directory (a read-only mount, changed permissions or the
     * immutable attribute stop every write, and with them ingest and every audited API call).
     * Waits while another caller uses the catalog.
     *
     * @throws CatalogException saying which of them failed
     */
    void probe() throws CatalogException;

    /**
     * Whether the catalog's file is still the one the vault opened. A deleted or replaced file
     * is not: the vault would go on writing into a file nobody can open again, which only a
     * restart (and, for a deleted catalog, a rebuild from the bucket) repairs.
     */
    boolean present();
}
