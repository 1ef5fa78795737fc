package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.SourceProperties;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredSourcesTest {

    @Test
    void keepsListOrderAndBuildsOneSourcePerKind() {
        ConfiguredSources sources = new ConfiguredSources(List.of(
                SourceProperties.of("1", "ssh/host_key", "FILE", "/etc/ssh/key", true),
                SourceProperties.of("0", "config.db", "sqlite", "/data/config.db", false)));

        assertThat(sources.specs()).containsExactly(
                new SourceSpec("config.db", SourceKind.SQLITE, Path.of("/data/config.db"), false),
                new SourceSpec("ssh/host_key", SourceKind.FILE, Path.of("/etc/ssh/key"), true));
        assertThat(sources.all()).hasExactlyElementsOfTypes(SqliteSource.class, FileSource.class);
    }

    @Test
    void refusesAnEmptyList() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: no sources are configured (capture.sources)");
    }

    @Test
    void refusesAnEntryNameThatCouldEscapeTheRestoreDirectory() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                SourceProperties.of("0", "../etc/passwd", "file", "/etc/passwd", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: invalid entry name '../etc/passwd': empty, '.'"
                        + " or '..' path segment (capture.sources[0].name)");
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                SourceProperties.of("0", "dump.sql", "tarball", "/usr/bin/dump", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' has kind 'tarball'; use"
                        + " 'sqlite', 'file', 'directory' or 'command' (capture.sources[0].kind)");
    }

    @Test
    void refusesAMissingPath() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                SourceProperties.of("0", "config.db", "sqlite", null, false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'config.db' has no path"
                        + " (capture.sources[0].path)");
    }

    @Test
    void refusesTwoSourcesWithTheSameName() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                SourceProperties.of("0", "config.db", "sqlite", "/a.db", false),
                SourceProperties.of("1", "config.db", "sqlite", "/b.db", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the entry name 'config.db' is used by two"
                        + " sources (capture.sources[1].name)");
    }

    @Test
    void refusesAnAbsoluteEntryName() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                SourceProperties.of("0", "/etc/passwd", "file", "/etc/passwd", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: invalid entry name '/etc/passwd': absolute"
                        + " path (capture.sources[0].name)");
    }

    @Test
    void buildsDirectoryAndCommandSourcesWithTheirSettings() {
        ConfiguredSources sources = new ConfiguredSources(List.of(
                source("0", "avatars", "directory").path("/var/lib/passbolt/avatars")
                        .include("**.png", " **.jpg ").exclude("tmp").build(),
                source("1", "passbolt.sql", "command")
                        .command("/usr/bin/mysqldump", "--single-transaction", "passbolt")
                        .timeout(Duration.ofMinutes(2)).environment("TZ=UTC", "PGOPTIONS=-c a=b")
                        .workingDirectory("/var/tmp").sensitive().required().build()));

        assertThat(sources.all()).hasExactlyElementsOfTypes(DirectorySource.class,
                CommandSource.class);
        DirectorySource avatars = (DirectorySource) sources.all().getFirst();
        assertThat(avatars.tree().root()).isEqualTo(Path.of("/var/lib/passbolt/avatars"));
        CommandSource dump = (CommandSource) sources.all().get(1);
        assertThat(dump.spec()).isEqualTo(new SourceSpec("passbolt.sql", SourceKind.COMMAND,
                null, true, true, null));
        assertThat(dump.command()).isEqualTo(new CommandSource.Command(List.of(
                "/usr/bin/mysqldump", "--single-transaction", "passbolt"), Duration.ofMinutes(2),
                Map.of("TZ", "UTC", "PGOPTIONS", "-c a=b"), Path.of("/var/tmp")));
        assertThat(sources.watched()).containsExactly(avatars);
    }

    @Test
    void aDisabledSourceIsLeftOutUnlessItIsRequired() {
        ConfiguredSources sources = new ConfiguredSources(List.of(
                source("0", "config.db", "sqlite").path("/data/freenas-v1.db").build(),
                source("1", "pwenc_secret", "file").path("/data/pwenc_secret").required()
                        .description("the password secret seed").disabled().build(),
                source("2", "motd", "file").path("/etc/motd").disabled().build()));

        assertThat(sources.all()).hasExactlyElementsOfTypes(SqliteSource.class,
                DisabledSource.class);
        assertThat(sources.all().get(1).spec()).isEqualTo(new SourceSpec("pwenc_secret",
                SourceKind.FILE, Path.of("/data/pwenc_secret"), false, true,
                "the password secret seed"));
        assertThat(sources.watched()).hasExactlyElementsOfTypes(SqliteSource.class);
    }

    @Test
    void refusesAConfigurationWithoutAnyEnabledSource() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "config.db", "sqlite").path("/a.db").required().disabled().build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: no source is enabled (capture.sources)");
    }

    @Test
    void refusesANameInsideTheNameOfASingleFileSource() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "etc/ssh/ssh_host_rsa_key", "file").path("/etc/ssh/key").build(),
                source("1", "etc/ssh", "file").path("/etc/ssh/sshd_config").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the entry name 'etc/ssh/ssh_host_rsa_key' lies"
                        + " inside 'etc/ssh', the name of a source that captures one file; a"
                        + " snapshot cannot hold both (capture.sources[1].name)");
    }

    @Test
    void acceptsANameInsideADirectorySourcesName() {
        ConfiguredSources sources = new ConfiguredSources(List.of(
                source("0", "etc/passbolt", "directory").path("/etc/passbolt").exclude("gpg")
                        .build(),
                source("1", "etc/passbolt/gpg/serverkey.asc", "file")
                        .path("/etc/passbolt/gpg/serverkey.asc").build()));

        assertThat(sources.all()).hasExactlyElementsOfTypes(DirectorySource.class,
                FileSource.class);
    }

    @Test
    void refusesAnInvalidGlob() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "avatars", "directory").path("/srv/avatars")
                        .include("*.png", "../*.png").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'avatars': the pattern ../*.png has a"
                        + " '.' or '..' segment (capture.sources[0].include[1])");
    }

    @Test
    void refusesSettingsTheKindDoesNotTake() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "app.conf", "file").path("/etc/app.conf").include("*").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'app.conf' is a file source and takes"
                        + " no 'include' (only directory sources do) (capture.sources[0].include)");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").path("/usr/bin/mysqldump").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' is a command and takes no"
                        + " path; put the program into 'command' (capture.sources[0].path)");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "config.db", "sqlite").path("/a.db").command("cat").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'config.db' is a sqlite source and"
                        + " takes no 'command' (only command sources do)"
                        + " (capture.sources[0].command)");
    }

    @Test
    void refusesACommandSourceThatCannotRun() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' has no command; give the"
                        + " program and its arguments as a list (capture.sources[0].command)");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").command("pg_dump").timeout(Duration.ZERO)
                        .build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' needs a positive timeout"
                        + " (capture.sources[0].timeout)");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").command("pg_dump")
                        .environment("PGHOST=db", "PG PASS=x").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' has 'PG PASS=x' in its"
                        + " environment; write NAME=value with a name of letters, digits and '_'"
                        + " (capture.sources[0].environment[1])");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").command("pg_dump")
                        .environment("PGHOST=db", "PGHOST=other").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' sets the environment"
                        + " variable PGHOST twice (capture.sources[0].environment[1])");
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "dump.sql", "command").command("pg_dump").workingDirectory("tmp")
                        .build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' needs an absolute"
                        + " working-directory (capture.sources[0].working-directory)");
    }

    @Test
    void refusesAMultiLineDescription() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                source("0", "config.db", "sqlite").path("/a.db").description("a\nb").build())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the description of source 'config.db' must be"
                        + " one line of at most 200 characters (capture.sources[0].description)");
    }

    private static Builder source(String index, String name, String kind) {
        return new Builder(index, name, kind);
    }

    /** A {@code capture.sources[i]} element as binding would give it. */
    private static final class Builder {
        private final String index;
        private final String name;
        private final String kind;
        private String path;
        private boolean sensitive;
        private boolean required;
        private boolean enabled = true;
        private String description;
        private List<String> include;
        private List<String> exclude;
        private List<String> command;
        private Duration timeout = SourceProperties.DEFAULT_TIMEOUT;
        private List<String> environment;
        private String workingDirectory;

        Builder(String index, String name, String kind) {
            this.index = index;
            this.name = name;
            this.kind = kind;
        }

        Builder path(String value) {
            path = value;
            return this;
        }

        Builder sensitive() {
            sensitive = true;
            return this;
        }

        Builder required() {
            required = true;
            return this;
        }

        Builder disabled() {
            enabled = false;
            return this;
        }

        Builder description(String value) {
            description = value;
            return this;
        }

        Builder include(String... globs) {
            include = List.of(globs);
            return this;
        }

        Builder exclude(String... globs) {
            exclude = List.of(globs);
            return this;
        }

        Builder command(String... arguments) {
            command = List.of(arguments);
            return this;
        }

        Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        Builder environment(String... variables) {
            environment = List.of(variables);
            return this;
        }

        Builder workingDirectory(String value) {
            workingDirectory = value;
            return this;
        }

        SourceProperties build() {
            return new SourceProperties(index, name, kind, path, sensitive, required, enabled,
                    description, include, exclude, command, timeout, environment,
                    workingDirectory);
        }
    }
}
