package io.configvault.capture.trigger;

import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code PRAGMA data_version} on a long-lived read connection. SQLite changes the value a
 * connection sees whenever <em>another</em> connection commits, and never for reads, so the
 * agent's {@code VACUUM INTO} copies (on their own connections) do not count as changes. Polling
 * it is cheap: no table is read. The inode is watched too: an application that replaces its
 * database file (write-new-and-rename) leaves this connection on the old file, so the probe
 * reconnects and reports a change.
 */
final class SqliteChangeProbe implements ChangeProbe {

    private final SourceSpec spec;
    private Connection connection;
    private Object fileKey;
    private long dataVersion;

    SqliteChangeProbe(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public boolean changed() throws IOException {
        Object key = fileKey();
        if (connection == null || !key.equals(fileKey)) {
            // A new data_version counter starts here; what happened while this probe had no
            // connection (file replaced, missing, unreadable) is unknown, so it counts as a change.
            boolean hadBaseline = fileKey != null;
            reconnect(key);
            return hadBaseline;
        }
        long version = dataVersion();
        boolean changed = version != dataVersion;
        dataVersion = version;
        return changed;
    }

    private void reconnect(Object key) throws IOException {
        close();
        try {
            connection = SqliteConnections.openExisting(spec.path());
            fileKey = key;
            dataVersion = dataVersion();
        } catch (SQLException e) {
            close();
            throw new IOException("SQLite cannot open it: " + e.getMessage(), e);
        }
    }

    private long dataVersion() throws IOException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA data_version")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            close();
            throw new IOException("SQLite cannot read its data_version: " + e.getMessage(), e);
        }
    }

    private Object fileKey() throws IOException {
        try {
            Object key = Files.readAttributes(spec.path(), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            return key == null ? "none" : key;
        } catch (NoSuchFileException e) {
            close();
            throw new IOException("it does not exist", e);
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a read-only connection loses nothing.
            }
            connection = null;
        }
    }
}
