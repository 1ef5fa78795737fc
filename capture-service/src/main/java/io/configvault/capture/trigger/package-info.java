/**
 * Triggers that decide when a snapshot is taken. For now: configuration changes. Each source gets
 * a {@link io.configvault.capture.trigger.ChangeProbe} ({@code PRAGMA data_version} on a
 * long-lived read connection for SQLite databases, size/modification time/inode for files); the
 * {@link io.configvault.capture.trigger.ChangeWatcher} polls them and debounces bursts of changes
 * ({@link io.configvault.capture.trigger.Debouncer}) into one snapshot with trigger CHANGE.
 * {@link io.configvault.capture.trigger.ChangeTrigger} runs the watcher on its own thread.
 *
 * <p>Depends on {@code capture.source} (what to watch) and {@code capture.snapshot} (what to run);
 * {@code java.sql} is used by {@code SqliteChangeProbe} only.
 */
package io.configvault.capture.trigger;
