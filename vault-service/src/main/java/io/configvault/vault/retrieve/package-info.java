/**
 * Reading snapshots back out of the vault: download the object to a spool, decrypt it with the
 * storage key, verify the storage signature, the bundle digest recorded in the catalog and the
 * manifest's identity — and only then hand out the plaintext. Fails closed.
 */
package io.configvault.vault.retrieve;
