package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Index of enrolled appliances, enrolment tokens and stored snapshots.
 *
 * <p>Contract: {@link #insert} is idempotent — inserting a snapshot id that exists is a no-op that
 * answers false, so a redelivered event never creates a second row. {@link #redeem} is atomic:
 * the token check, the appliance binding and using up the token happen together or not at all,
 * and a token is used up at most once. {@link #insert(SnapshotRecord, ConsumedPosition)} records
 * the row and the partition's consumed position together or not at all, and that position only
 * moves forward. Reads of snapshots ({@link #snapshot}, {@link #snapshots}) see live rows only:
 * a row the prune pass tombstoned ({@link PruneCatalog}) is deleted for every reader, while
 * {@link #insert} still sees its id as taken until the row is purged. Every method throws
 * {@link CatalogException} when the underlying store fails; callers treat that as transient.
 * Implementations are thread-safe.
 */
public interface Catalog {

    /** Enrols or re-confirms an appliance; a different key for an enrolled id is refused. */
    void enrol(Appliance appliance) throws CatalogException;

    Optional<Appliance> appliance(String applianceId) throws CatalogException;

    /**
     * Records a newly issued enrolment token (its hash; the catalog never holds a token).
     *
     * @throws IllegalStateException when a token with this hash exists (a random token of 256
     *                               bits never collides; a caller reusing one is a bug)
     */
    void addEnrolmentToken(EnrolmentToken token) throws CatalogException;

    Optional<EnrolmentToken> enrolmentToken(String tokenHash) throws CatalogException;

    /**
     * Redeems an enrolment token by the rules of {@code Redemptions}: binds the key to the
     * appliance id in the token's fleet (or confirms or re-keys it) and uses the token up, or
     * refuses and changes nothing.
     */
    Redemption redeem(TokenRedemption request) throws CatalogException;

    /**
     * Inserts a row without touching any consumed position (rebuilding from the bucket, tools).
     *
     * @return true when the row was inserted, false when the snapshot id was already there
     * @throws CatalogException also when another snapshot holds the row's object key
     */
    boolean insert(SnapshotRecord snapshot) throws CatalogException;

    /**
     * Inserts the row of a snapshot the ingest just stored and moves the consumed position of
     * the partition it came from, atomically: after a failure neither changed. The position
     * moves only forward (a lower or equal one leaves the recorded one), and it moves also when
     * the row was already there.
     *
     * @return true when the row was inserted, false when the snapshot id was already there
     * @throws CatalogException also when another snapshot holds the row's object key
     */
    boolean insert(SnapshotRecord snapshot, ConsumedPosition after) throws CatalogException;

    /** The next offset to read on the partition as recorded with its latest row, if any. */
    OptionalLong consumedPosition(String topic, int partition) throws CatalogException;

    Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException;

    /**
     * The row of this snapshot id, live or tombstoned (a retention pass is deleting it). The
     * ingest's idempotency check: a redelivered event of a snapshot that is being deleted is not
     * stored again (its object would outlive the row the pass purges next).
     */
    Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException;

    /** The appliance's snapshots, newest capture first, at most {@code limit}. */
    List<SnapshotRecord> snapshots(String applianceId, int limit) throws CatalogException;

    /**
     * Records a sign of life, only forward: it replaces what is recorded for the appliance only
     * when its {@link ApplianceSeen#lastSeenAt()} is later, so a redelivered or replayed old
     * event never makes a silent appliance look alive. Compare-and-set, safe under concurrent
     * callers.
     *
     * @return true when it was recorded, false when a later (or equal) one was already there
     */
    boolean recordSeen(ApplianceSeen seen) throws CatalogException;

    /** The appliance's last sign of life, if any event of it was ever ingested. */
    Optional<ApplianceSeen> seen(String applianceId) throws CatalogException;
}
