package io.configvault.vault.verify.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteOpenMode;

/**
 * Runs {@code PRAGMA integrity_check} on a SQLite database file, read-only and
 * {@code immutable=1}: SQLite takes no locks and creates no {@code -wal}, {@code -shm} or journal
 * beside the file, whatever journal mode its header names, and never writes it. Memory stays at
 * SQLite's page cache whatever the file's size. Stateless and thread-safe.
 */
public final class SqliteIntegrityCheck {

    /** At most this many problems are reported (SQLite's own limit argument). */
    static final int MAX_PROBLEMS = 10;
    private static final int MAX_PROBLEM_CHARS = 200;

    /** Outcome of a check. */
    public sealed interface Result {
        /** {@code integrity_check} answered {@code ok}. */
        record Ok() implements Result {
        }

        /**
         * The file is not a sound SQLite database.
         *
         * @param problems what SQLite reported, one line each, at most {@value #MAX_PROBLEMS}
         */
        record Corrupt(List<String> problems) implements Result {
            public Corrupt {
                problems = List.copyOf(problems);
            }
        }
    }

    private SqliteIntegrityCheck() {
    }

    /**
     * @throws IOException when SQLite cannot read the file for reasons that are not its content
     *                     (missing file, I/O error, out of memory)
     */
    public static Result check(Path database) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        // Percent-encoded, so that '?', '#' or '%' in the spool path cannot alter the URI.
        String url = "jdbc:sqlite:file:" + database.toAbsolutePath().toUri().getRawPath()
                + "?immutable=1";
        try (Connection connection = config.createConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "PRAGMA integrity_check(" + MAX_PROBLEMS + ")")) {
            List<String> problems = new ArrayList<>();
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
            if (problems.equals(List.of("ok"))) {
                return new Result.Ok();
            }
            return corrupt(problems);
        } catch (SQLException e) {
            int primary = e.getErrorCode() & 0xff;
            if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
                return corrupt(List.of("not a SQLite database"));
            }
            if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
                return corrupt(List.of("database disk image is malformed"));
            }
            throw new IOException("Cannot check SQLite file " + database.getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Result corrupt(List<String> reported) {
        List<String> problems = new ArrayList<>();
        for (String line : reported) {
            String flat = line == null ? "" : line.replaceAll("\\s+", " ").strip();
            problems.add(flat.length() > MAX_PROBLEM_CHARS
                    ? flat.substring(0, MAX_PROBLEM_CHARS) + "…" : flat);
            if (problems.size() == MAX_PROBLEMS) {
                break;
            }
        }
        return new Result.Corrupt(problems);
    }
}
