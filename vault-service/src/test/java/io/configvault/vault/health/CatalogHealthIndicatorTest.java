package io.configvault.vault.health;

import static io.configvault.vault.health.StoreHealthIndicatorTest.details;
import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.testing.MutableClock;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog indicators on a real SQLite catalog file. */
class CatalogHealthIndicatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @TempDir
    Path dir;

    private Path file;
    private SqliteCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("catalog.db");
        catalog = SqliteCatalog.open(file);
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Test
    void aCatalogThatAnswersAndCanBeWrittenIsUp() throws Exception {
        HealthResult result = new CatalogHealthIndicator(catalog, clock).result().get();

        assertThat(result.getName()).isEqualTo("catalog");
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("writable", true);
    }

    /** Immutable as StoreOutageIT makes it: even root (the tests' user) cannot write. */
    @Test
    void aCatalogFileThatCannotBeWrittenIsDownNamingIt() throws Exception {
        chattr("+i", file);
        try {
            HealthResult result = new CatalogHealthIndicator(catalog, clock).result().get();

            assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(details(result)).containsEntry("writable", false);
            assertThat((String) details(result).get("error"))
                    .startsWith("Cannot write the catalog: " + file.toAbsolutePath()
                            + " cannot be written");
        } finally {
            chattr("-i", file);
        }
    }

    @Test
    void aClosedCatalogIsDownWithTheReason() throws Exception {
        catalog.close();

        var result = CatalogHealthIndicator.probe(catalog);

        assertThat(result.up()).isFalse();
        assertThat((String) result.details().get("error"))
                .startsWith("Cannot answer a health query in catalog catalog.db");
    }

    @Test
    void theCatalogFileIsAliveUntilItIsDeletedOrReplaced() throws Exception {
        CatalogFileIndicator indicator = new CatalogFileIndicator(catalog);
        assertThat(indicator.result().getStatus()).isEqualTo(HealthStatus.UP);

        Path moved = dir.resolve("moved.db");
        Files.move(file, moved);
        HealthResult deleted = indicator.result();
        assertThat(deleted.getName()).isEqualTo("catalogFile");
        assertThat(deleted.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(deleted)).containsEntry("present", false);
        assertThat((String) details(deleted).get("error")).contains("restart the vault");

        Files.copy(moved, file);
        assertThat(indicator.result().getStatus()).as("another file under the same name")
                .isEqualTo(HealthStatus.DOWN);
    }

    private static void chattr(String flag, Path file) throws IOException, InterruptedException {
        Process chattr = new ProcessBuilder(List.of("chattr", flag, file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(chattr.getInputStream().readAllBytes());
        if (!chattr.waitFor(30, TimeUnit.SECONDS) || chattr.exitValue() != 0) {
            throw new IOException("Cannot chattr " + flag + " " + file + ": " + output);
        }
    }
}
