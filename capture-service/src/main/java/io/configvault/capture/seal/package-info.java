/**
 * Sealing: every snapshot bundle is encrypted to the vault's ingest key and signed with the
 * appliance's key before it leaves the staging directory (ARCHITECTURE decision 1).
 * {@link io.configvault.capture.seal.SnapshotSealer} is the port,
 * {@link io.configvault.capture.seal.OpenPgpSnapshotSealer} the OpenPGP implementation over the
 * shared crypto package; {@link io.configvault.capture.seal.SealingKeysFactory} makes the keys
 * named by {@code capture.keys.*} ready at startup: it generates the appliance key on first start
 * and pins the vault's ingest key, obtained by enrolment ({@code capture.enrol}) when the agent
 * has none yet.
 *
 * <p>Private key material and the passphrase stay in this package and are never logged or put
 * into messages.
 */
package io.configvault.capture.seal;
