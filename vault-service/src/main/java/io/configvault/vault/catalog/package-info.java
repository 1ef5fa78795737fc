/**
 * The catalog: an index of stored snapshots and enrolled appliances behind
 * {@link io.configvault.vault.catalog.Catalog}. The bucket is the source of truth; every stored
 * object carries the metadata to rebuild its row. {@code java.sql} is used only here.
 */
package io.configvault.vault.catalog;
