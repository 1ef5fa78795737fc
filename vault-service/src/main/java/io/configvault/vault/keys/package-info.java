/**
 * The vault's OpenPGP key ring: the ingest key (appliances encrypt to it), the storage key (the
 * at-rest encryption and signature) and the escrow public keys. Secret keys rest on disk
 * encrypted under a passphrase from a secret file or the environment; passphrases are never
 * logged or put in messages.
 */
package io.configvault.vault.keys;
