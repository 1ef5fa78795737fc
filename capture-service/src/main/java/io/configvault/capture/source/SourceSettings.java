package io.configvault.capture.source;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.SourceProperties;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.Identifiers;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one {@code capture.sources[i]} element into a source, refusing every setting that its
 * kind does not take or that could never work, with "Cannot start capture: ... (setting)".
 */
final class SourceSettings {

    /** Longest description, in characters (it ends up in manifests and the catalog). */
    static final int MAX_DESCRIPTION = 200;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SourceSettings() {
    }

    /** The source as configured, ignoring {@code enabled}. */
    static SnapshotSource build(SourceProperties source) {
        String name = source.name();
        String problem = EntryNames.problem(name);
        if (problem != null) {
            throw new InvalidConfigurationException("invalid entry name "
                    + Identifiers.printable(name) + ": " + problem, source.setting("name"));
        }
        SourceKind kind = kind(source);
        description(source);
        if (kind != SourceKind.DIRECTORY) {
            unused(source, kind, "include", !source.include().isEmpty(), "directory");
            unused(source, kind, "exclude", !source.exclude().isEmpty(), "directory");
        }
        if (kind != SourceKind.COMMAND) {
            unused(source, kind, "command", !source.command().isEmpty(), "command");
            unused(source, kind, "environment", !source.environment().isEmpty(), "command");
            unused(source, kind, "working-directory", source.workingDirectory() != null,
                    "command");
        }
        return switch (kind) {
            case SQLITE -> new SqliteSource(spec(source, kind, path(source)));
            case FILE -> new FileSource(spec(source, kind, path(source)));
            case DIRECTORY -> directory(source);
            case COMMAND -> command(source);
        };
    }

    private static SourceSpec spec(SourceProperties source, SourceKind kind, Path path) {
        return new SourceSpec(source.name(), kind, path, source.sensitive(), source.required(),
                description(source));
    }

    private static DirectorySource directory(SourceProperties source) {
        globs(source, "include", source.include());
        globs(source, "exclude", source.exclude());
        Path path = path(source);
        return new DirectorySource(spec(source, SourceKind.DIRECTORY, path),
                new DirectoryTree(path, trimmed(source.include()), trimmed(source.exclude())));
    }

    private static CommandSource command(SourceProperties source) {
        if (source.path() != null) {
            throw new InvalidConfigurationException("source '" + source.name() + "' is a"
                    + " command and takes no path; put the program into 'command'",
                    source.setting("path"));
        }
        List<String> arguments = source.command();
        if (arguments.isEmpty() || arguments.getFirst() == null
                || arguments.getFirst().isBlank()) {
            throw new InvalidConfigurationException("source '" + source.name() + "' has no"
                    + " command; give the program and its arguments as a list",
                    source.setting("command"));
        }
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument == null || argument.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("source '" + source.name() + "' has an"
                        + " empty or invalid command argument", source.setting("command[" + i
                        + "]"));
            }
        }
        if (source.timeout().isNegative() || source.timeout().isZero()) {
            throw new InvalidConfigurationException("source '" + source.name() + "' needs a"
                    + " positive timeout", source.setting("timeout"));
        }
        Map<String, String> environment = environment(source);
        Path workingDirectory = null;
        if (source.workingDirectory() != null) {
            workingDirectory = absolute(source, source.workingDirectory(), "working-directory");
        }
        return new CommandSource(spec(source, SourceKind.COMMAND, null),
                new CommandSource.Command(arguments, source.timeout(), environment,
                        workingDirectory));
    }

    /** {@code NAME=value} items, each name once. */
    private static Map<String, String> environment(SourceProperties source) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> items = source.environment();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int equals = item == null ? -1 : item.indexOf('=');
            String name = equals < 0 ? null : item.substring(0, equals);
            if (name == null || !VARIABLE.matcher(name).matches() || item.indexOf('\0') >= 0) {
                throw new InvalidConfigurationException("source '" + source.name() + "' has "
                        + Identifiers.printable(item) + " in its environment; write NAME=value"
                        + " with a name of letters, digits and '_'",
                        source.setting("environment[" + i + "]"));
            }
            if (environment.put(name, item.substring(equals + 1)) != null) {
                throw new InvalidConfigurationException("source '" + source.name() + "' sets"
                        + " the environment variable " + name + " twice",
                        source.setting("environment[" + i + "]"));
            }
        }
        return environment;
    }

    private static SourceKind kind(SourceProperties source) {
        String kind = source.kind() == null ? "" : source.kind().strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "sqlite" -> SourceKind.SQLITE;
            case "file" -> SourceKind.FILE;
            case "directory" -> SourceKind.DIRECTORY;
            case "command" -> SourceKind.COMMAND;
            default -> throw new InvalidConfigurationException("source '" + source.name()
                    + "' has kind " + Identifiers.printable(source.kind())
                    + "; use 'sqlite', 'file', 'directory' or 'command'", source.setting("kind"));
        };
    }

    private static Path path(SourceProperties source) {
        if (source.path() == null || source.path().isBlank()) {
            throw new InvalidConfigurationException("source '" + source.name() + "' has no path",
                    source.setting("path"));
        }
        try {
            return Path.of(source.path().strip());
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("source '" + source.name() + "' has an"
                    + " invalid path", source.setting("path"), e);
        }
    }

    private static Path absolute(SourceProperties source, String value, String field) {
        try {
            Path path = Path.of(value.strip());
            if (!path.isAbsolute()) {
                throw new InvalidConfigurationException("source '" + source.name() + "' needs"
                        + " an absolute " + field, source.setting(field));
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationException("source '" + source.name() + "' has an"
                    + " invalid " + field, source.setting(field), e);
        }
    }

    private static String description(SourceProperties source) {
        String description = source.description();
        if (description == null || description.isBlank()) {
            return null;
        }
        description = description.strip();
        if (description.length() > MAX_DESCRIPTION
                || description.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidConfigurationException("the description of source '"
                    + source.name() + "' must be one line of at most " + MAX_DESCRIPTION
                    + " characters", source.setting("description"));
        }
        return description;
    }

    private static void globs(SourceProperties source, String field, List<String> globs) {
        for (int i = 0; i < globs.size(); i++) {
            String problem = DirectoryTree.globProblem(globs.get(i));
            if (problem != null) {
                throw new InvalidConfigurationException("source '" + source.name() + "': "
                        + problem, source.setting(field + "[" + i + "]"));
            }
        }
    }

    private static List<String> trimmed(List<String> globs) {
        return globs.stream().map(String::strip).toList();
    }

    private static void unused(SourceProperties source, SourceKind kind, String field,
                               boolean set, String takenBy) {
        if (set) {
            throw new InvalidConfigurationException("source '" + source.name() + "' is a "
                    + kind.wireName() + " source and takes no '" + field + "' (only " + takenBy
                    + " sources do)", source.setting(field));
        }
    }
}
