/**
 * Snapshot diffs: {@link io.configvault.vault.diff.SnapshotDiffer} retrieves two snapshots
 * through the verified retrieval, compares their manifests and, for SQLite entries, their
 * schemas and rows ({@link io.configvault.vault.diff.DatabaseDiff}: a streaming merge join by
 * key, bounded output, sensitive columns redacted by {@link io.configvault.vault.diff.Redaction}).
 * Pure Java over {@link io.configvault.vault.diff.DatabaseSource}; the SQLite adapter is in
 * {@code diff.sqlite}, the one sub-package that uses JDBC. Depends on {@code vault.retrieve},
 * {@code vault.catalog} (records only) and {@code shared.bundle}.
 */
package io.configvault.vault.diff;
