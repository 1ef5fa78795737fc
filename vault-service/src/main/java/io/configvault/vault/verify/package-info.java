/**
 * Restore drills: {@link io.configvault.vault.verify.SnapshotVerifier} proves that a stored
 * snapshot restores (fetch, decrypt, signature, digests, manifest identity, SQLite
 * {@code integrity_check}) and records the result with its evidence in the catalog;
 * {@link io.configvault.vault.verify.VerificationSampler} picks what to verify on a schedule;
 * failures are a metric and an {@code ALARM:} log line. Depends on {@code vault.retrieve},
 * {@code vault.catalog}, {@code vault.store} (ports only) and Micrometer; JDBC only in
 * {@code verify.sqlite}.
 */
package io.configvault.vault.verify;
