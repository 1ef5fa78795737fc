/**
 * The restore command ({@link io.configvault.capture.restore.RestoreCommand}): puts a snapshot
 * from the vault back onto the appliance. {@link io.configvault.capture.restore.Restore} is the
 * orchestrator, in this order: resolve the snapshot ({@code VaultClient}), download and verify it
 * ({@code VerifiedSnapshot}), compare it with the current files ({@code Planner}, with
 * {@code SqliteFiles} for per-table digests), write the new files beside their targets
 * ({@code ConfigWriter.prepare}), take a PRE_RESTORE snapshot through the agent's own pipeline,
 * run the pre-hook ({@code Hook}), swap the files in all or nothing ({@code ConfigWriter.commit}),
 * run the post-hook. Ordering and failure semantics: docs/design.md, "Capture: restore".
 *
 * <p>Depends on {@code capture.config}, {@code capture.source} (source specs, read-only SQLite
 * connections), {@code capture.snapshot} (the capture port and pipeline), {@code capture.outbox}
 * (attached beside a running agent) and the shared bundle and io packages; the JDK HTTP client for
 * the vault; {@code java.sql} only in {@code SqliteFiles}.
 */
package io.configvault.capture.restore;
