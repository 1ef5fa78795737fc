/**
 * The outbox: sealed snapshots wait here, durably and in order, until the broker has
 * acknowledged them (ARCHITECTURE decision 5). {@link io.configvault.capture.outbox.Outbox} is
 * the port; {@link io.configvault.capture.outbox.SqliteOutbox} keeps one row per snapshot in a
 * SQLite database (WAL, {@code synchronous=FULL}) and the sealed file in a spool directory beside
 * it.
 *
 * <p>Write order: the sealed file is fsynced and renamed into the spool (directory fsynced)
 * before its row commits, and the row is deleted before its file. So a committed row always has
 * its file unless something outside the agent removed it; a file without a row is the leftover of
 * a capture that never returned and is removed at startup.
 *
 * <p>Depends on the shared snapshot and io packages; {@code java.sql} (sqlite-jdbc) is used by
 * {@code SqliteOutbox} only.
 */
package io.configvault.capture.outbox;
