package io.configvault.capture.source;

import io.configvault.shared.bundle.ManifestEntry;
import java.util.Objects;

/**
 * One staged bundle entry: its manifest description and the private file holding its content.
 *
 * @param content a file inside the directory given to {@link SnapshotSource#stageEntries}
 */
public record StagedEntry(ManifestEntry entry, java.nio.file.Path content) {

    public StagedEntry {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(content, "content");
    }
}
