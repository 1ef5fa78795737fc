/**
 * SQLite integrity checks of snapshot entries that came from SQLite sources. Besides
 * {@code vault.catalog} the one package that may use {@code java.sql} and {@code org.sqlite}:
 * it opens the appliance's databases (not the vault's own), read-only and immutable.
 */
package io.configvault.vault.verify.sqlite;
