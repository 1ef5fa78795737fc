/**
 * Reading snapshots back out of the vault: download the object to a spool, check its digest
 * against the catalog, decrypt it with the storage key the catalog names for it (current or
 * previous), verify that key's signature, the bundle digest recorded in the catalog and the
 * manifest's identity — and only then hand out the plaintext. Fails closed; a snapshot whose
 * storage key is not configured fails with {@link
 * io.configvault.vault.retrieve.StorageKeyUnavailableException}.
 */
package io.configvault.vault.retrieve;
