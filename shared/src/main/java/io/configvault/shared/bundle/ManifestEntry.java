package io.configvault.shared.bundle;

import java.time.Instant;
import java.util.Objects;

/**
 * One captured entry as the manifest describes it.
 *
 * @param name       logical, validated relative name inside the bundle (see {@link EntryNames})
 * @param kind       the kind of source that produced it
 * @param size       exact size in bytes
 * @param sha256     lower-case hex SHA-256 of the content
 * @param mode       POSIX permission bits (e.g. {@code 0600})
 * @param modifiedAt last modification time of the source, or null when it has none (command)
 * @param sensitive  whether the content is secret (keys, password hashes)
 */
public record ManifestEntry(String name, SourceKind kind, long size, String sha256, int mode,
                            Instant modifiedAt, boolean sensitive) {

    public ManifestEntry {
        EntryNames.require(name);
        Objects.requireNonNull(kind, "kind");
        if (size < 0) {
            throw new IllegalArgumentException("Entry " + name + " has a negative size");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Entry " + name + " needs a lower-case hex SHA-256");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("Entry " + name + " has an invalid mode");
        }
    }
}
