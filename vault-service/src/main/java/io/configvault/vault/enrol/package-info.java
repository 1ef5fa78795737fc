/**
 * Enrolment by token: an admin issues a short-lived, single-use token for a fleet (optionally
 * for one appliance id); an appliance presents it with its public key and receives the vault's
 * ingest public key. Tokens are 256 random bits, handed out once and kept only as their SHA-256
 * in the catalog. The rules of redeeming live in the catalog package (one atomic step); this
 * package mints and hashes tokens and turns requests into catalog calls. Depends on
 * {@code vault.catalog}, {@code vault.keys} and {@code vault.config}; never logs a token.
 */
package io.configvault.vault.enrol;
