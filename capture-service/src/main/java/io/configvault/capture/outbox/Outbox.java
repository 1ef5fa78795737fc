package io.configvault.capture.outbox;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sealed snapshots (and heartbeats) waiting to be published, oldest first.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #add} is durable when it returns: the entry and its spool file survive a crash or
 *   power cut. When it throws, nothing was added.</li>
 *   <li>Entries come out of {@link #oldest()} in sequence order and stay there until
 *   {@link #remove} (after the broker acknowledged every segment) or {@link #markDamaged} (the
 *   spool file is missing or does not match the entry): nothing leaves the outbox silently.</li>
 *   <li>{@link #remove} and {@link #markDamaged} are idempotent.</li>
 * </ul>
 * {@link OutboxException} means the outbox database or spool failed; the operation may be
 * retried. Thread-safe.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Reserves the next sequence number: greater than every number handed out before, also
     * across restarts. A reserved number whose capture fails is never reused, so sequences may
     * have gaps.
     */
    long nextSequence() throws OutboxException;

    /**
     * Moves {@code sealedFile} into the spool and records the entry; wakes up
     * {@link #awaitEntries} callers. Adding a {@link io.configvault.shared.event.EventKind#SNAPSHOT
     * snapshot} also makes it the {@link #lastSnapshot()}, in the same durable step: with its
     * content digest, or, when the digest is null, by forgetting the previous one.
     */
    OutboxEntry add(NewSnapshot snapshot, Path sealedFile) throws OutboxException;

    /** The entry with the lowest sequence that is not marked damaged. */
    Optional<OutboxEntry> oldest() throws OutboxException;

    /** Deletes the entry and then its spool file, once it has been published. */
    void remove(SnapshotId snapshotId) throws OutboxException;

    /**
     * Keeps the entry, with the reason, but takes it out of the publishing order: it can never
     * be published as it is, and must not block the snapshots behind it. Marking the
     * {@link #lastSnapshot()} damaged forgets it.
     */
    void markDamaged(SnapshotId snapshotId, String reason) throws OutboxException;

    /** All entries not yet published, damaged ones included. */
    int depth() throws OutboxException;

    /** Entries marked damaged. */
    int damaged() throws OutboxException;

    /** Every entry still held, damaged ones included, in sequence order. */
    List<Held> held() throws OutboxException;

    /**
     * Drops an entry that was never published and records it in the eviction log (snapshot id,
     * sequence, trigger, size, when, why) so that the loss stays visible. Idempotent. Evicting
     * the {@link #lastSnapshot()} forgets it.
     */
    void evict(SnapshotId snapshotId, String reason) throws OutboxException;

    /** How many entries were ever evicted from this outbox. */
    long evicted() throws OutboxException;

    /**
     * The last snapshot added and its content digest: what a heartbeat may vouch for. Empty when
     * no snapshot with a digest was added, and after that snapshot was evicted or marked damaged
     * (it will never reach the vault, so nothing may claim to be unchanged since it). Survives
     * restarts.
     */
    Optional<LastSnapshot> lastSnapshot() throws OutboxException;

    /** The snapshot a heartbeat refers to, and the content digest it had. */
    record LastSnapshot(SnapshotId snapshotId, String contentDigest) {
    }

    /** What the outbox holds of an entry, for budget decisions. */
    record Held(SnapshotId snapshotId, long sequence, long sealedBytes, boolean damaged) {
    }

    /**
     * Waits until an entry is added (since the previous call returned) or the timeout passes.
     *
     * @return true when woken by an addition
     */
    boolean awaitEntries(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
