/**
 * The vault's OpenPGP key ring: the ingest key (appliances encrypt to it), the current storage
 * key (the at-rest encryption and signature), previous storage keys (they only read what they
 * wrote before a rotation) and the escrow public keys. Secret keys rest on disk encrypted under a
 * passphrase from a secret file or the environment; unprotected key files are refused;
 * passphrases are never logged or put in messages. Loading checks every key by use
 * ({@code KeyProbe}) before the vault starts. Depends on {@code shared.crypto} and
 * {@code vault.config} only.
 */
package io.configvault.vault.keys;
