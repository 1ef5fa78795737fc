package io.configvault.vault.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.configvault.shared.bundle.ManifestEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What changed from snapshot {@code from} to snapshot {@code to}: entries by their manifest
 * facts (digest, size, kind, mode), and for changed SQLite entries a semantic diff.
 *
 * @param unchanged entries with the same digest, kind and mode in both
 * @param truncated true when any part of the diff was left out for a bound
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SnapshotDiff(String from, String to, List<Entry> added, List<Entry> removed,
                           List<EntryChange> changed, int unchanged, boolean truncated) {

    /**
     * An entry as its manifest describes it.
     *
     * @param mode POSIX permission bits in octal, e.g. {@code 0600}
     */
    @Serdeable
    public record Entry(String name, String kind, long size, String sha256, String mode,
                        boolean sensitive) {

        static Entry of(ManifestEntry e) {
            return new Entry(e.name(), e.kind().wireName(), e.size(), e.sha256(),
                    String.format("%04o", e.mode()), e.sensitive());
        }
    }

    /**
     * An entry in both snapshots whose digest, kind or mode differs.
     *
     * @param sqlite the semantic diff, for a SQLite entry in both; null otherwise
     * @param note   why a SQLite entry has no semantic diff (not a database, sensitive entry
     *               hidden by configuration); null otherwise
     */
    @Serdeable
    public record EntryChange(String name, Entry from, Entry to, @Nullable SqliteDiff sqlite,
                              @Nullable String note) {
    }
}
