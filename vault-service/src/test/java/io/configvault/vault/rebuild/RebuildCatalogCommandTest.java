package io.configvault.vault.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.SqliteCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's refusals, none of which may write anything or need the bucket (the endpoint
 * here answers nothing). The rebuild itself: RebuildCatalogIT.
 */
class RebuildCatalogCommandTest {

    @TempDir
    Path dir;
    Path catalogFile;
    Map<String, Object> properties = new HashMap<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void settings() {
        catalogFile = dir.resolve("catalog.db");
        properties.put("vault.catalog-path", catalogFile.toString());
        properties.put("vault.spool-dir", dir.resolve("spool").toString());
        properties.put("vault.s3.bucket", "vault");
        properties.put("vault.s3.endpoint", "http://127.0.0.1:9");
        properties.put("vault.s3.access-key-id", "test-access-key");
        properties.put("vault.s3.secret-access-key", "test-secret-key");
    }

    RebuildExitCode run(String... args) {
        return RebuildCatalogCommand.run(List.of(args), properties,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCatalogWithSnapshotRowsIsNeverMergedInto() throws Exception {
        try (SqliteCatalog catalog = SqliteCatalog.open(catalogFile)) {
            catalog.insert(CatalogRebuilderTest.record("nas-1", 1, null));
            catalog.insert(CatalogRebuilderTest.record("nas-1", 2, null));
        }

        assertThat(run()).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).isEqualTo("Cannot rebuild catalog " + catalogFile + ": it holds 2"
                + " snapshot rows and rebuild-catalog never merges; move it away, or write a new"
                + " file with --into FILE" + System.lineSeparator());
        assertThat(out.size()).isZero();
        try (SqliteCatalog catalog = SqliteCatalog.open(catalogFile)) {
            assertThat(catalog.snapshotCount()).isEqualTo(2);
        }
    }

    @Test
    void intoMustNameANewFile() throws Exception {
        Path existing = Files.writeString(dir.resolve("other.db"), "");

        assertThat(run("--into", existing.toString())).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog " + existing
                + ": it exists; --into writes a new file");
        assertThat(existing).isEmptyFile();
    }

    @Test
    void aJournalLeftFromTheDeletedCatalogIsRefused() throws Exception {
        Files.writeString(dir.resolve("catalog.db-wal"), "stale");

        assertThat(run()).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog " + catalogFile + ":"
                + " catalog.db-wal is left from the deleted catalog; delete it (and"
                + " catalog.db-shm) first");
        assertThat(catalogFile).doesNotExist();
    }

    @Test
    void unexpectedArgumentsShowTheUsage() {
        assertThat(run("--merge")).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog: unexpected arguments [--merge]")
                .contains(RebuildCatalogCommand.USAGE);
    }

    @Test
    void invalidSettingsAreNamedAndNothingIsWritten() {
        properties.put("vault.s3.prefix", "no-slash");

        assertThat(run()).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog: vault.s3.prefix must be empty");
        assertThat(catalogFile).doesNotExist();
    }

    @Test
    void missingSettingsAreReported() {
        properties.remove("vault.catalog-path");

        assertThat(run()).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog: the vault's settings are"
                + " incomplete or invalid (").contains("catalogPath");
    }

    @Test
    void anUnreachableBucketIsRefusedBeforeTheCatalogIsCreated() {
        assertThat(run()).isEqualTo(RebuildExitCode.REFUSED);

        assertThat(stderr()).startsWith("Cannot rebuild catalog: bucket 'vault' cannot be"
                + " reached at http://127.0.0.1:9").doesNotContain("test-secret-key");
        assertThat(catalogFile).doesNotExist();
    }
}
