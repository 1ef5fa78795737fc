package io.configvault.capture.outbox;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.io.DurableFiles;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The outbox as a SQLite database {@code outbox.db} (WAL, {@code synchronous=FULL}: a commit is
 * on disk when it returns) and a spool directory {@code spool/} with one
 * {@code <snapshot id>.pgp} per entry (snapshot or heartbeat). One connection, used under this
 * object's lock.
 */
public final class SqliteOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOutbox.class);
    private static final String SPOOL_SUFFIX = ".pgp";

    private static final String NEXT_SEQUENCE = """
            INSERT INTO counters (name, value) VALUES ('sequence', 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1
            RETURNING value""";
    private static final String INSERT = """
            INSERT INTO outbox (sequence, snapshot_id, trigger, created_at, sealed_bytes,
                                sealed_sha256, spool_file, kind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String SELECT_OLDEST = """
            SELECT sequence, snapshot_id, trigger, created_at, sealed_bytes, sealed_sha256,
                   spool_file, kind
            FROM outbox WHERE damaged IS NULL ORDER BY sequence LIMIT 1""";
    private static final String REMEMBER_LAST_SNAPSHOT = """
            INSERT INTO last_snapshot (singleton, snapshot_id, content_digest) VALUES (1, ?, ?)
            ON CONFLICT (singleton) DO UPDATE
            SET snapshot_id = excluded.snapshot_id, content_digest = excluded.content_digest""";
    private static final String FORGET_LAST_SNAPSHOT = "DELETE FROM last_snapshot";
    private static final String FORGET_IF_LAST_SNAPSHOT =
            "DELETE FROM last_snapshot WHERE snapshot_id = ?";
    private static final String SELECT_LAST_SNAPSHOT =
            "SELECT snapshot_id, content_digest FROM last_snapshot";
    private static final String DELETE = "DELETE FROM outbox WHERE snapshot_id = ?";
    private static final String MARK_DAMAGED =
            "UPDATE outbox SET damaged = ? WHERE snapshot_id = ? AND damaged IS NULL";
    private static final String COUNT_ALL = "SELECT count(*) FROM outbox";
    private static final String COUNT_DAMAGED =
            "SELECT count(*) FROM outbox WHERE damaged IS NOT NULL";
    private static final String SELECT_SPOOL_FILES = "SELECT spool_file FROM outbox";
    private static final String SELECT_HELD = """
            SELECT snapshot_id, sequence, sealed_bytes, damaged IS NOT NULL
            FROM outbox ORDER BY sequence""";
    private static final String LOG_EVICTION = """
            INSERT OR IGNORE INTO evictions (snapshot_id, sequence, trigger, created_at,
                                             sealed_bytes, evicted_at, reason)
            SELECT snapshot_id, sequence, trigger, created_at, sealed_bytes, ?, ?
            FROM outbox WHERE snapshot_id = ?""";
    private static final String COUNT_EVICTED = "SELECT count(*) FROM evictions";

    private final Path spoolDir;
    private final Connection connection;
    private final Clock clock;
    private final OutboxSignal signal = new OutboxSignal();

    private SqliteOutbox(Path spoolDir, Connection connection, Clock clock) {
        this.spoolDir = spoolDir;
        this.connection = connection;
        this.clock = clock;
    }

    /** {@link #open(Path, Clock)} with the system clock. */
    public static SqliteOutbox open(Path dir) throws OutboxException {
        return open(dir, Clock.systemUTC());
    }

    /**
     * Opens (or creates) the outbox in {@code dir} and removes spool files that have no entry.
     */
    public static SqliteOutbox open(Path dir, Clock clock) throws OutboxException {
        return open(dir, clock, true);
    }

    /**
     * Opens the outbox in {@code dir} beside an agent that may be running on it (the restore
     * command): SQLite's WAL lets both processes add rows, but a spool file without a row may be
     * that agent's capture between its rename and its commit, so nothing is removed.
     */
    public static SqliteOutbox attach(Path dir, Clock clock) throws OutboxException {
        return open(dir, clock, false);
    }

    private static SqliteOutbox open(Path dir, Clock clock, boolean removeOrphans)
            throws OutboxException {
        Path spool = dir.resolve("spool");
        Connection connection = null;
        try {
            Files.createDirectories(spool);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(10_000);
            connection = config.createConnection("jdbc:sqlite:" + dir.resolve("outbox.db"));
            OutboxSchema.migrate(connection);
            SqliteOutbox outbox = new SqliteOutbox(spool, connection, clock);
            if (removeOrphans) {
                outbox.removeOrphans();
            }
            return outbox;
        } catch (SQLException | IOException e) {
            closeQuietly(connection);
            throw new OutboxException("Cannot open the outbox in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public synchronized long nextSequence() throws OutboxException {
        try (PreparedStatement next = connection.prepareStatement(NEXT_SEQUENCE);
             ResultSet result = next.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new OutboxException("Cannot reserve a sequence number in the outbox: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public OutboxEntry add(NewSnapshot snapshot, Path sealedFile) throws OutboxException {
        SnapshotId id = snapshot.snapshotId();
        Path spoolFile = spoolDir.resolve(id + SPOOL_SUFFIX);
        OutboxEntry entry;
        try {
            long size = Files.size(sealedFile);
            String sha256 = Sha256.of(sealedFile);
            DurableFiles.fsync(sealedFile);
            DurableFiles.atomicMove(sealedFile, spoolFile);
            entry = new OutboxEntry(id, snapshot.sequence(), snapshot.trigger(),
                    snapshot.createdAt(), size, sha256, spoolFile, snapshot.kind());
        } catch (IOException e) {
            throw new OutboxException("Cannot put snapshot " + id + " into the spool: "
                    + e.getMessage(), e);
        }
        try {
            insert(entry, snapshot.contentDigest());
        } catch (SQLException e) {
            deleteQuietly(spoolFile);
            throw new OutboxException("Cannot record snapshot " + id + " in the outbox: "
                    + e.getMessage(), e);
        }
        signal.raise();
        return entry;
    }

    /** The row, and for a snapshot the last-snapshot record, in one transaction. */
    private synchronized void insert(OutboxEntry entry, String contentDigest)
            throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, entry.sequence());
            insert.setString(2, entry.snapshotId().toString());
            insert.setString(3, entry.trigger().name());
            insert.setString(4, entry.createdAt().toString());
            insert.setLong(5, entry.sealedBytes());
            insert.setString(6, entry.sealedSha256());
            insert.setString(7, entry.spoolFile().getFileName().toString());
            insert.setString(8, entry.kind().name());
            insert.executeUpdate();
            if (entry.kind() == EventKind.SNAPSHOT) {
                rememberLastSnapshot(entry.snapshotId(), contentDigest);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void rememberLastSnapshot(SnapshotId id, String contentDigest) throws SQLException {
        if (contentDigest == null) {
            try (Statement forget = connection.createStatement()) {
                forget.executeUpdate(FORGET_LAST_SNAPSHOT);
            }
            return;
        }
        try (PreparedStatement remember = connection.prepareStatement(REMEMBER_LAST_SNAPSHOT)) {
            remember.setString(1, id.toString());
            remember.setString(2, contentDigest);
            remember.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<LastSnapshot> lastSnapshot() throws OutboxException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(SELECT_LAST_SNAPSHOT)) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new LastSnapshot(SnapshotId.parse(row.getString(1)),
                    row.getString(2)));
        } catch (SQLException e) {
            throw new OutboxException("Cannot read the last snapshot from the outbox: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<OutboxEntry> oldest() throws OutboxException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_OLDEST);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new OutboxEntry(SnapshotId.parse(row.getString(2)), row.getLong(1),
                    Trigger.valueOf(row.getString(3)), Instant.parse(row.getString(4)),
                    row.getLong(5), row.getString(6), spoolDir.resolve(row.getString(7)),
                    EventKind.valueOf(row.getString(8))));
        } catch (SQLException e) {
            throw new OutboxException("Cannot read the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(SnapshotId snapshotId) throws OutboxException {
        synchronized (this) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, snapshotId.toString());
                delete.executeUpdate();
            } catch (SQLException e) {
                throw new OutboxException("Cannot remove snapshot " + snapshotId
                        + " from the outbox: " + e.getMessage(), e);
            }
        }
        // After the row: a crash in between leaves an orphan file, removed at the next start.
        deleteQuietly(spoolDir.resolve(snapshotId + SPOOL_SUFFIX));
    }

    @Override
    public synchronized void markDamaged(SnapshotId snapshotId, String reason)
            throws OutboxException {
        try (PreparedStatement mark = connection.prepareStatement(MARK_DAMAGED);
             PreparedStatement forget = connection.prepareStatement(FORGET_IF_LAST_SNAPSHOT)) {
            // Forget first: a crash in between leaves a full snapshot next time, never a
            // heartbeat vouching for a snapshot that will not arrive.
            forget.setString(1, snapshotId.toString());
            forget.executeUpdate();
            mark.setString(1, reason);
            mark.setString(2, snapshotId.toString());
            mark.executeUpdate();
        } catch (SQLException e) {
            throw new OutboxException("Cannot mark snapshot " + snapshotId + " as damaged: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public int depth() throws OutboxException {
        return count(COUNT_ALL);
    }

    @Override
    public int damaged() throws OutboxException {
        return count(COUNT_DAMAGED);
    }

    @Override
    public synchronized List<Held> held() throws OutboxException {
        List<Held> held = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(SELECT_HELD)) {
            while (row.next()) {
                held.add(new Held(SnapshotId.parse(row.getString(1)), row.getLong(2),
                        row.getLong(3), row.getBoolean(4)));
            }
            return held;
        } catch (SQLException e) {
            throw new OutboxException("Cannot read the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public void evict(SnapshotId snapshotId, String reason) throws OutboxException {
        synchronized (this) {
            try {
                connection.setAutoCommit(false);
                try (PreparedStatement log = connection.prepareStatement(LOG_EVICTION);
                     PreparedStatement delete = connection.prepareStatement(DELETE);
                     PreparedStatement forget =
                             connection.prepareStatement(FORGET_IF_LAST_SNAPSHOT)) {
                    log.setString(1, clock.instant().toString());
                    log.setString(2, reason);
                    log.setString(3, snapshotId.toString());
                    log.executeUpdate();
                    delete.setString(1, snapshotId.toString());
                    delete.executeUpdate();
                    forget.setString(1, snapshotId.toString());
                    forget.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new OutboxException("Cannot evict snapshot " + snapshotId
                        + " from the outbox: " + e.getMessage(), e);
            }
        }
        deleteQuietly(spoolDir.resolve(snapshotId + SPOOL_SUFFIX));
    }

    @Override
    public long evicted() throws OutboxException {
        return count(COUNT_EVICTED);
    }

    private synchronized int count(String sql) throws OutboxException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.getInt(1);
        } catch (SQLException e) {
            throw new OutboxException("Cannot count the outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean awaitEntries(Duration timeout) throws InterruptedException {
        return signal.await(timeout);
    }

    private synchronized void removeOrphans() throws SQLException, IOException {
        Set<String> known = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(SELECT_SPOOL_FILES)) {
            while (rows.next()) {
                known.add(rows.getString(1));
            }
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            for (Path file : files.toList()) {
                if (!known.contains(file.getFileName().toString())) {
                    LOG.warn("Removing spool file {}: no outbox entry (its capture did not"
                            + " complete)", file.getFileName());
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}: {}", file.getFileName(), e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Cannot close the outbox database: {}", e.toString());
            }
        }
    }
}
