/**
 * Sources: where the configuration of the appliance lives and how a consistent copy of it is
 * staged for a snapshot. {@link io.configvault.capture.source.SnapshotSource} is the port;
 * {@link io.configvault.capture.source.SqliteSource} (a live SQLite database, copied with
 * {@code VACUUM INTO}), {@link io.configvault.capture.source.FileSource} (a regular file),
 * {@link io.configvault.capture.source.DirectorySource} (the files of a tree selected by globs,
 * walked by {@link io.configvault.capture.source.DirectoryTree} without following links) and
 * {@link io.configvault.capture.source.CommandSource} (a command's standard output) are its
 * implementations, with {@link io.configvault.capture.source.DisabledSource} standing in for a
 * required source that is switched off. {@link io.configvault.capture.source.ConfiguredSources}
 * builds them from the configuration and refuses settings that cannot work.
 *
 * <p>May depend on the shared bundle and io packages and the capture configuration records;
 * {@code java.sql} (sqlite-jdbc) is used by the SQLite classes only.
 */
package io.configvault.capture.source;
