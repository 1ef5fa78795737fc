package io.configvault.capture.source;

import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A validated source definition.
 *
 * @param name      the entry name in the bundle (see {@link EntryNames})
 * @param kind      how it is copied
 * @param path      absolute path on the appliance
 * @param sensitive whether the content is secret
 */
public record SourceSpec(String name, SourceKind kind, Path path, boolean sensitive) {

    public SourceSpec {
        EntryNames.require(name);
        Objects.requireNonNull(kind, "kind");
        path = path.toAbsolutePath().normalize();
    }

    /** "source 'config.db' (/var/db/config.db)", for messages. */
    public String describe() {
        return "source '" + name + "' (" + path + ")";
    }
}
