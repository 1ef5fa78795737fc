package io.configvault.capture.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.SourceProperties;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredSourcesTest {

    @Test
    void keepsListOrderAndBuildsOneSourcePerKind() {
        ConfiguredSources sources = new ConfiguredSources(List.of(
                new SourceProperties("1", "ssh/host_key", "FILE", "/etc/ssh/key", true),
                new SourceProperties("0", "config.db", "sqlite", "/data/config.db", false)));

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
                new SourceProperties("0", "../etc/passwd", "file", "/etc/passwd", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: invalid entry name '../etc/passwd': empty, '.'"
                        + " or '..' path segment (capture.sources[0].name)");
    }

    @Test
    void refusesAnUnknownKind() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                new SourceProperties("0", "dump.sql", "command", "/usr/bin/dump", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'dump.sql' has kind 'command'; use"
                        + " 'sqlite' or 'file' (capture.sources[0].kind)");
    }

    @Test
    void refusesAMissingPath() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                new SourceProperties("0", "config.db", "sqlite", null, false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: source 'config.db' has no path"
                        + " (capture.sources[0].path)");
    }

    @Test
    void refusesTwoSourcesWithTheSameName() {
        assertThatThrownBy(() -> new ConfiguredSources(List.of(
                new SourceProperties("0", "config.db", "sqlite", "/a.db", false),
                new SourceProperties("1", "config.db", "sqlite", "/b.db", false))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the entry name 'config.db' is used by two"
                        + " sources (capture.sources[1].name)");
    }
}
