package io.configvault.vault.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The catalog's one SQLite connection, shared by every part of {@link SqliteCatalog}: WAL mode
 * with {@code synchronous=FULL}, so a committed row survives a power cut; schema migrated by
 * {@link CatalogSchema} when opened. Every unit of work runs under this object's monitor, so the
 * parts' statements and transactions never interleave: the audit chain relies on it (each record
 * reads the previous one's hash in its transaction), and so do the transactions that span tables
 * of several parts (a tombstone with its audit record, a snapshot row with its consumed position).
 * A part that makes several calls one step holds the monitor around them
 * ({@code synchronized (database)}; it is reentrant). A failure becomes a
 * {@link CatalogException} "Cannot &lt;what&gt; in catalog &lt;file&gt;: &lt;reason&gt;".
 */
final class SqliteDatabase implements AutoCloseable {

    /**
     * Work on the connection (one statement, or a transaction's worth). It may call a part's own
     * methods (the monitor is reentrant); their {@link CatalogException} already names what
     * failed.
     */
    interface Work<T> {
        T run(Connection connection) throws SQLException, CatalogException;
    }

    /** Work on the connection that answers nothing. */
    interface Step {
        void run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating and migrating when needed) the catalog at {@code file}. */
    static SqliteDatabase open(Path file) throws CatalogException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            CatalogSchema.migrate(connection);
            SqliteDatabase database = new SqliteDatabase(file, connection);
            database.transaction(c -> {
                AuditRows.chainLegacy(c);
                return null;
            }, done -> true);
            return database;
        } catch (SQLException | IOException e) {
            throw new CatalogException("Cannot open catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** The catalog's file. */
    Path file() {
        return file;
    }

    /** Runs {@code work} (autocommit); a failure is a {@link CatalogException} naming it. */
    synchronized <T> T query(String what, Work<T> work) throws CatalogException {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code step} (autocommit); a failure is a {@link CatalogException} naming it. */
    synchronized void run(String what, Step step) throws CatalogException {
        try {
            step.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it on a failure. */
    synchronized <T> T inTransaction(String what, Work<T> work) throws CatalogException {
        try {
            return transaction(work, result -> true);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction that commits when it answers a value and rolls back
     * (changing nothing) when it answers empty or fails: for work that finds, after reading,
     * that its writes lost a race with another writer on the same file.
     */
    synchronized <T> Optional<T> inTransactionIfPresent(String what, Work<Optional<T>> work)
            throws CatalogException {
        try {
            return transaction(work, Optional::isPresent);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T transaction(Work<T> work, Predicate<T> commit)
            throws SQLException, CatalogException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            if (commit.test(result)) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return result;
        } catch (SQLException | CatalogException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private CatalogException failure(String what, SQLException e) {
        return new CatalogException("Cannot " + what + " in catalog " + file.getFileName()
                + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() throws CatalogException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new CatalogException("Cannot close catalog " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }
}
