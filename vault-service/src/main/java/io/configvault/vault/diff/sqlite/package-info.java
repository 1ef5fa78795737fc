/**
 * The SQLite side of the snapshot diff: opens the appliance's databases from snapshot entries
 * (not the vault's own catalog) read-only and immutable, and streams their schema and rows in
 * key order to {@link io.configvault.vault.diff.DatabaseDiff}. Besides {@code vault.catalog} and
 * {@code vault.verify.sqlite} the one package that may use {@code java.sql} and
 * {@code org.sqlite}.
 */
package io.configvault.vault.diff.sqlite;
