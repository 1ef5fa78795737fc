package io.configvault.capture.source;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.SourceProperties;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.Identifiers;
import jakarta.inject.Singleton;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sources of {@code capture.sources}, checked at startup and kept in list order (which is
 * the order of the bundle's entries).
 */
@Singleton
public final class ConfiguredSources {

    private final List<SnapshotSource> sources;

    public ConfiguredSources(List<SourceProperties> properties) {
        if (properties.isEmpty()) {
            throw new InvalidConfigurationException("no sources are configured",
                    "capture.sources");
        }
        List<SourceProperties> ordered = new ArrayList<>(properties);
        ordered.sort(Comparator.comparingInt(ConfiguredSources::position));
        List<SnapshotSource> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SourceProperties source : ordered) {
            SourceSpec spec = spec(source);
            if (!names.add(spec.name())) {
                throw new InvalidConfigurationException("the entry name '" + spec.name()
                        + "' is used by two sources", source.setting("name"));
            }
            built.add(switch (spec.kind()) {
                case SQLITE -> new SqliteSource(spec);
                case FILE -> new FileSource(spec);
                default -> throw new IllegalStateException("unreachable");
            });
        }
        this.sources = List.copyOf(built);
    }

    public List<SnapshotSource> all() {
        return sources;
    }

    public List<SourceSpec> specs() {
        return sources.stream().map(SnapshotSource::spec).toList();
    }

    private static SourceSpec spec(SourceProperties source) {
        String name = source.name();
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw new InvalidConfigurationException("invalid entry name "
                    + Identifiers.printable(name) + ": " + problem, source.setting("name"));
        }
        SourceKind kind = kind(source);
        if (source.path() == null || source.path().isBlank()) {
            throw new InvalidConfigurationException("source '" + name + "' has no path",
                    source.setting("path"));
        }
        try {
            return new SourceSpec(name, kind, Path.of(source.path().strip()), source.sensitive());
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("source '" + name + "' has an invalid path",
                    source.setting("path"), e);
        }
    }

    private static SourceKind kind(SourceProperties source) {
        String kind = source.kind() == null ? "" : source.kind().strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "sqlite" -> SourceKind.SQLITE;
            case "file" -> SourceKind.FILE;
            default -> throw new InvalidConfigurationException("source '" + source.name()
                    + "' has kind " + Identifiers.printable(source.kind())
                    + "; use 'sqlite' or 'file'", source.setting("kind"));
        };
    }

    private static int position(SourceProperties source) {
        try {
            return Integer.parseInt(source.index());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
