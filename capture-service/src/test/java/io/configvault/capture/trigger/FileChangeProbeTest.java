package io.configvault.capture.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.bundle.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChangeProbeTest {

    @TempDir
    Path dir;

    @Test
    void seesWritesButNotReads() throws Exception {
        Path file = Files.writeString(dir.resolve("app.conf"), "a=1");
        SourceSpec spec = new SourceSpec("app.conf", SourceKind.FILE, file, false);
        FileChangeProbe probe = new FileChangeProbe(spec);
        assertThat(probe.changed()).isFalse();

        new FileSource(spec).stage(dir.resolve("copy"), Long.MAX_VALUE);
        assertThat(probe.changed()).isFalse();

        Files.writeString(file, "a=22");
        assertThat(probe.changed()).isTrue();
        assertThat(probe.changed()).isFalse();

        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(probe.changed()).isTrue();

        Files.delete(file);
        assertThat(probe.changed()).isTrue();
        assertThat(probe.changed()).isFalse();
    }
}
