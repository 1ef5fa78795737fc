package io.configvault.capture.source;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.SourceProperties;
import io.configvault.shared.bundle.SourceKind;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sources of {@code capture.sources}, checked at startup and kept in list order (which is
 * the order of the bundle's entries). A disabled source is left out, unless it is required: then
 * it stays as a {@link DisabledSource}, so that every snapshot records that it is missing.
 */
@Singleton
public final class ConfiguredSources {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredSources.class);

    private final List<SnapshotSource> sources;

    public ConfiguredSources(List<SourceProperties> properties) {
        if (properties.isEmpty()) {
            throw new InvalidConfigurationException("no sources are configured",
                    "capture.sources");
        }
        List<SourceProperties> ordered = new ArrayList<>(properties);
        ordered.sort(Comparator.comparingInt(ConfiguredSources::position));
        List<SnapshotSource> built = new ArrayList<>();
        List<SourceProperties> seen = new ArrayList<>();
        for (SourceProperties source : ordered) {
            SnapshotSource configured = SourceSettings.build(source);
            distinctNames(seen, source);
            seen.add(source);
            if (source.enabled()) {
                built.add(configured);
            } else if (source.required()) {
                built.add(new DisabledSource(configured.spec(), source.setting("enabled")));
            } else {
                LOG.info("Source '{}' is disabled ({})", source.name(),
                        source.setting("enabled"));
            }
        }
        if (built.stream().allMatch(DisabledSource.class::isInstance)) {
            throw new InvalidConfigurationException("no source is enabled", "capture.sources");
        }
        this.sources = List.copyOf(built);
    }

    /** The sources every snapshot stages, in bundle order (disabled required ones included). */
    public List<SnapshotSource> all() {
        return sources;
    }

    public List<SourceSpec> specs() {
        return sources.stream().map(SnapshotSource::spec).toList();
    }

    /**
     * The enabled sources whose changes can be watched: all but commands (their output can only
     * be known by running them, which the other triggers do).
     */
    public List<SnapshotSource> watched() {
        return sources.stream()
                .filter(source -> !(source instanceof DisabledSource))
                .filter(source -> source.spec().kind() != SourceKind.COMMAND)
                .toList();
    }

    /**
     * Entry names must be unique, and no name may lie inside the name of a source that
     * captures one file (sqlite, file, command): a bundle holding both "app.conf" and
     * "app.conf/x" could not be extracted. Names inside a directory source's name are fine (its
     * files are named below it; the pipeline refuses an actual clash when it captures).
     */
    private static void distinctNames(List<SourceProperties> earlier, SourceProperties source) {
        for (SourceProperties other : earlier) {
            if (other.name().equals(source.name())) {
                throw new InvalidConfigurationException("the entry name '" + source.name()
                        + "' is used by two sources", source.setting("name"));
            }
            String parent = source.name().startsWith(other.name() + "/") && !directory(other)
                    ? other.name()
                    : other.name().startsWith(source.name() + "/") && !directory(source)
                    ? source.name() : null;
            if (parent != null) {
                String child = parent.equals(source.name()) ? other.name() : source.name();
                throw new InvalidConfigurationException("the entry name '" + child + "' lies"
                        + " inside '" + parent + "', the name of a source that captures one"
                        + " file; a snapshot cannot hold both", source.setting("name"));
            }
        }
    }

    private static boolean directory(SourceProperties source) {
        return "directory".equalsIgnoreCase(String.valueOf(source.kind()).strip());
    }

    private static int position(SourceProperties source) {
        try {
            return Integer.parseInt(source.index());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
