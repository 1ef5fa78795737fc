package io.configvault.vault.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SqliteCatalog} on a fresh file for each test (register with
 * {@code @RegisterExtension}): opened before the test, closed and deleted after it. A test
 * {@link #reopen}s it as a restart would, and edits the file behind the catalog's back with
 * {@link #sql}, as an operator's hand could.
 */
final class SqliteCatalogFile implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private SqliteCatalog catalog;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("catalog-test");
        catalog = SqliteCatalog.open(file());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        catalog.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The catalog open now. */
    SqliteCatalog catalog() {
        return catalog;
    }

    /** The catalog's file. */
    Path file() {
        return dir.resolve("catalog.db");
    }

    /** A directory for other files of the test (e.g. a catalog of an older schema). */
    Path dir() {
        return dir;
    }

    /** Closes the catalog and opens its file again, as after a restart. */
    SqliteCatalog reopen() throws CatalogException {
        catalog.close();
        catalog = SqliteCatalog.open(file());
        return catalog;
    }

    /** Runs one statement on the file through a connection of its own. */
    void sql(String statement) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             var s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
