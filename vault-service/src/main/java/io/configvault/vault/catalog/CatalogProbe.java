package io.configvault.vault.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SQLite side of {@link CatalogHealth}: a query that touches the schema but no table's rows,
 * and the file checks. Writability is asked of the file system ({@code access(2)}, which also
 * answers no for an immutable file or a read-only mount, even to root), not by writing: a probe
 * every few seconds must not add commits and fsyncs to the catalog.
 */
final class CatalogProbe {

    static final String QUERY = "SELECT count(*) FROM sqlite_master";

    private CatalogProbe() {
    }

    static void query(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(QUERY)) {
            if (!rows.next()) {
                throw new SQLException("the health query answered no row");
            }
        }
    }

    /** @throws CatalogException naming the files that cannot be written */
    static void requireWritable(Path file) throws CatalogException {
        Path absolute = file.toAbsolutePath();
        List<Path> files = new ArrayList<>(List.of(absolute, absolute.getParent()));
        Path wal = absolute.resolveSibling(absolute.getFileName() + "-wal");
        if (Files.exists(wal)) {
            files.add(wal);
        }
        List<String> unwritable = files.stream().filter(path -> !Files.isWritable(path))
                .map(Path::toString).toList();
        if (!unwritable.isEmpty()) {
            throw new CatalogException("Cannot write the catalog: " + String.join(", ", unwritable)
                    + " cannot be written (read-only file system, permissions or the immutable"
                    + " attribute); ingest and audited API calls wait until it can", null);
        }
    }

    /** The file's identity (device and inode on Linux), or null when it does not exist. */
    static Object fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? file.toRealPath() : key;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether {@code file} is still the file whose key was {@code opened}. */
    static boolean same(Path file, Object opened) {
        return opened != null && Objects.equals(fileKey(file), opened);
    }
}
