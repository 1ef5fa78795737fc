package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link VerificationLog} in the SQLite catalog ({@link VerificationRows}). */
final class SqliteVerifications implements VerificationLog {

    private final SqliteDatabase database;

    SqliteVerifications(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void recordVerification(Verification verification) throws CatalogException {
        database.run("record a verification of snapshot " + verification.snapshotId(),
                c -> VerificationRows.insert(c, verification));
    }

    @Override
    public Optional<Verification> latestVerification(SnapshotId id) throws CatalogException {
        return database.query("read the latest verification of snapshot " + id,
                c -> VerificationRows.latest(c, id));
    }

    @Override
    public List<SnapshotRecord> dueForVerification(int limit) throws CatalogException {
        return database.query("list snapshots due for verification",
                c -> VerificationRows.due(c, limit));
    }

    @Override
    public List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit)
            throws CatalogException {
        return database.query("list newest snapshots not verified since " + since,
                c -> VerificationRows.newestNotVerifiedSince(c, since, limit));
    }

    @Override
    public long snapshotCount() throws CatalogException {
        return database.query("count snapshots", VerificationRows::countSnapshots);
    }

    @Override
    public long failingVerificationCount() throws CatalogException {
        return database.query("count snapshots whose latest verification failed",
                VerificationRows::countFailing);
    }
}
