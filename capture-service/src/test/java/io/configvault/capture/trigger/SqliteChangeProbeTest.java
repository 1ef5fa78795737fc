package io.configvault.capture.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.shared.bundle.SourceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteChangeProbeTest {

    @TempDir
    Path dir;

    @Test
    void seesCommitsOfOtherConnectionsButNotTheAgentsOwnCopies() throws Exception {
        Path file = dir.resolve("config.db");
        SourceSpec spec = new SourceSpec("config.db", SourceKind.SQLITE, file, false);
        try (LiveDatabase db = LiveDatabase.create(file);
             SqliteChangeProbe probe = new SqliteChangeProbe(spec)) {
            db.put("a", "1");
            assertThat(probe.changed()).as("baseline").isFalse();
            assertThat(probe.changed()).isFalse();

            db.put("a", "2");
            assertThat(probe.changed()).isTrue();
            assertThat(probe.changed()).isFalse();

            new SqliteSource(spec).stage(dir.resolve("copy.db"), Long.MAX_VALUE);
            assertThat(probe.changed()).as("after the agent's own VACUUM INTO").isFalse();

            db.put("b", "3");
            db.put("c", "4");
            assertThat(probe.changed()).isTrue();
        }
    }

    @Test
    void aReplacedDatabaseFileCountsAsAChange() throws Exception {
        Path file = dir.resolve("config.db");
        Path other = dir.resolve("new.db");
        try (LiveDatabase db = LiveDatabase.create(file); LiveDatabase next = LiveDatabase.create(
                other); SqliteChangeProbe probe = new SqliteChangeProbe(
                new SourceSpec("config.db", SourceKind.SQLITE, file, false))) {
            db.put("a", "1");
            next.put("a", "2");
            assertThat(probe.changed()).isFalse();

            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

            assertThat(probe.changed()).isTrue();
            assertThat(probe.changed()).isFalse();
        }
    }

    @Test
    void aMissingDatabaseIsAnErrorAndItsReturnAChange() throws Exception {
        Path file = dir.resolve("config.db");
        try (SqliteChangeProbe probe = new SqliteChangeProbe(
                new SourceSpec("config.db", SourceKind.SQLITE, file, false))) {
            assertThatThrownBy(probe::changed).isInstanceOf(IOException.class)
                    .hasMessage("it does not exist");
            assertThat(file).doesNotExist();

            try (LiveDatabase db = LiveDatabase.create(file)) {
                db.put("a", "1");
                assertThat(probe.changed()).as("first successful look is the baseline")
                        .isFalse();
                Files.delete(file);
                assertThatThrownBy(probe::changed).isInstanceOf(IOException.class);
            }
            try (LiveDatabase db = LiveDatabase.create(file)) {
                assertThat(probe.changed()).isTrue();
            }
        }
    }
}
