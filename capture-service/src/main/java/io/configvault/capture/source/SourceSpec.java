package io.configvault.capture.source;

import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A validated source definition.
 *
 * @param name        the entry name in the bundle (see {@link EntryNames}); a directory source's
 *                    files are named {@code name/relative/path}
 * @param kind        how it is copied
 * @param path        absolute path on the appliance; null for a command source
 * @param sensitive   whether the content is secret
 * @param required    whether a restore needs it: when it is missing or disabled, snapshots are
 *                    still taken but marked not restorable
 * @param description what it is, for the not-restorable reason (e.g. "the password secret
 *                    seed"); null when not configured
 */
public record SourceSpec(String name, SourceKind kind, Path path, boolean sensitive,
                         boolean required, String description) {

    public SourceSpec {
        EntryNames.require(name);
        Objects.requireNonNull(kind, "kind");
        if (path == null && kind != SourceKind.COMMAND) {
            throw new IllegalArgumentException("A " + kind.wireName() + " source needs a path");
        }
        path = path == null ? null : path.toAbsolutePath().normalize();
    }

    /** An optional source without description. */
    public SourceSpec(String name, SourceKind kind, Path path, boolean sensitive) {
        this(name, kind, path, sensitive, false, null);
    }

    /** "source 'config.db' (/var/db/config.db)", for messages; "source 'dump.sql'" for commands. */
    public String describe() {
        return path == null ? "source '" + name + "'" : "source '" + name + "' (" + path + ")";
    }
}
