package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link Catalog} in the SQLite catalog: appliances and their sightings ({@link ApplianceRows}),
 * enrolment tokens ({@link TokenRows}), snapshot rows and consumed positions
 * ({@link SnapshotRows}).
 */
final class SqliteIndex implements Catalog {

    private final SqliteDatabase database;

    SqliteIndex(SqliteDatabase database) {
        this.database = database;
    }

    static String rekeyRefused(String applianceId) {
        return "Cannot enrol appliance " + applianceId
                + ": it is enrolled with another key; an admin must re-key it";
    }

    static String duplicateToken() {
        return "Cannot add enrolment token: a token with the same hash exists";
    }

    /** The insert and the read back are one step: no re-key comes between them. */
    @Override
    public void enrol(Appliance appliance) throws CatalogException {
        synchronized (database) {
            database.run("enrol appliance " + appliance.id(),
                    c -> ApplianceRows.insert(c, appliance));
            Appliance stored = appliance(appliance.id()).orElseThrow();
            if (!stored.fingerprint().equals(appliance.fingerprint())) {
                throw new IllegalStateException(rekeyRefused(appliance.id()));
            }
        }
    }

    @Override
    public void addEnrolmentToken(EnrolmentToken token) throws CatalogException {
        int inserted = database.query("add an enrolment token for fleet " + token.fleet(),
                c -> TokenRows.insert(c, token));
        if (inserted != 1) {
            throw new IllegalStateException(duplicateToken());
        }
    }

    @Override
    public Optional<EnrolmentToken> enrolmentToken(String tokenHash) throws CatalogException {
        return database.query("read an enrolment token", c -> TokenRows.select(c, tokenHash));
    }

    /**
     * One transaction: read the token and the appliance, decide, write. The token is used up by
     * a compare-and-set, so even a second process on the same file cannot use it twice.
     */
    @Override
    public Redemption redeem(TokenRedemption request) throws CatalogException {
        return database.inTransactionIfPresent(
                "redeem an enrolment token for appliance " + request.applianceId(), c -> {
                    Redemption outcome = Redemptions.decide(
                            enrolmentToken(request.tokenHash()).orElse(null),
                            appliance(request.applianceId()).orElse(null), request);
                    boolean applied = switch (outcome) {
                        case Redemption.Enrolled enrolled -> ApplianceRows.insert(c,
                                enrolled.appliance()) == 1 && TokenRows.use(c, request) == 1;
                        case Redemption.Rekeyed rekeyed -> ApplianceRows.replaceKey(c, rekeyed)
                                == 1 && TokenRows.use(c, request) == 1;
                        case Redemption.Confirmed confirmed -> {
                            // 0 rows when this replays the enrolment the token made: fine.
                            TokenRows.use(c, request);
                            yield true;
                        }
                        case Redemption.Refused refused -> true;
                    };
                    // Not applied: another writer on the same file got there between our read
                    // and write; the transaction rolls back.
                    return applied ? Optional.of(outcome) : Optional.empty();
                }).orElse(new Redemption.Refused(Redemption.Refusal.TOKEN_USED));
    }

    @Override
    public Optional<Appliance> appliance(String applianceId) throws CatalogException {
        return database.query("read appliance " + applianceId,
                c -> ApplianceRows.select(c, applianceId));
    }

    @Override
    public boolean insert(SnapshotRecord s) throws CatalogException {
        return database.query("record snapshot " + s.id(), c -> SnapshotRows.insert(c, s) == 1);
    }

    /** One transaction: the row and the position commit together or roll back together. */
    @Override
    public boolean insert(SnapshotRecord s, ConsumedPosition after) throws CatalogException {
        return database.inTransaction("record snapshot " + s.id() + " and position "
                + after.topic() + "-" + after.partition() + "@" + after.nextOffset(), c -> {
                    boolean inserted = SnapshotRows.insert(c, s) == 1;
                    SnapshotRows.advance(c, after);
                    return inserted;
                });
    }

    @Override
    public OptionalLong consumedPosition(String topic, int partition) throws CatalogException {
        return database.query("read the consumed position of " + topic + "-" + partition,
                c -> SnapshotRows.position(c, topic, partition));
    }

    @Override
    public Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException {
        return database.query("read snapshot " + id, c -> SnapshotRows.select(c, id));
    }

    @Override
    public Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException {
        return database.query("read snapshot " + id, c -> SnapshotRows.selectRecorded(c, id));
    }

    @Override
    public List<SnapshotRecord> snapshots(String applianceId, int limit)
            throws CatalogException {
        return database.query("list snapshots of " + applianceId,
                c -> SnapshotRows.newestFirst(c, applianceId, limit));
    }

    @Override
    public boolean recordSeen(ApplianceSeen seen) throws CatalogException {
        return database.query("record that appliance " + seen.applianceId() + " was seen",
                c -> ApplianceRows.recordSeen(c, seen));
    }

    @Override
    public Optional<ApplianceSeen> seen(String applianceId) throws CatalogException {
        return database.query("read when appliance " + applianceId + " was last seen",
                c -> ApplianceRows.seen(c, applianceId));
    }
}
