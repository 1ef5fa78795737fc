/**
 * Commands from the vault to agents: the snapshot request document (format 1), its strict JSON
 * codec, and its signed form ({@link io.configvault.shared.command.SignedSnapshotCommand}). See
 * docs/design.md, "Snapshot requests".
 */
package io.configvault.shared.command;
