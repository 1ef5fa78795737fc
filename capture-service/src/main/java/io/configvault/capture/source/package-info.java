/**
 * Sources: where the configuration of the appliance lives and how a consistent copy of it is
 * staged for a snapshot. {@link io.configvault.capture.source.SnapshotSource} is the port;
 * {@link io.configvault.capture.source.SqliteSource} (a live SQLite database, copied with
 * {@code VACUUM INTO}) and {@link io.configvault.capture.source.FileSource} (a regular file) are
 * its implementations, built from the configuration by
 * {@link io.configvault.capture.source.ConfiguredSources}.
 *
 * <p>May depend on the shared bundle and io packages; {@code java.sql} (sqlite-jdbc) is used by
 * {@code SqliteSource} only.
 */
package io.configvault.capture.source;
