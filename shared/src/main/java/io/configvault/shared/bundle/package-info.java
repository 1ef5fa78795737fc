/**
 * The snapshot bundle, format version 1: a POSIX (pax) tar archive whose first entry is
 * {@code manifest.json}, followed by the captured entries in manifest order. The writer streams
 * from files; the reader streams, validates names, sizes, types and SHA-256 digests against the
 * manifest, and enforces limits, so neither side holds an entry in memory.
 *
 * <p>Depends on Jackson (manifest JSON) and Commons Compress (tar) only.
 */
package io.configvault.shared.bundle;
