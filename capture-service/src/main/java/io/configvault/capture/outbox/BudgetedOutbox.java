package io.configvault.capture.outbox;

import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an {@link Outbox} within a disk budget by the {@link OverflowPolicy}: every eviction is
 * logged at ERROR, written to the eviction log, counted, and shown in the agent's status until
 * the backlog has drained. A heartbeat never makes room for itself: when it does not fit as it
 * is, it is refused and nothing is evicted (a sign of life is not worth a snapshot). Everything
 * else passes through. Thread-safe.
 */
public final class BudgetedOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetedOutbox.class);

    private final Outbox delegate;
    private final long budgetBytes;
    private final AgentStatus status;

    public BudgetedOutbox(Outbox delegate, long budgetBytes, AgentStatus status) {
        this.delegate = delegate;
        this.budgetBytes = budgetBytes;
        this.status = status;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    @Override
    public synchronized OutboxEntry add(NewSnapshot snapshot, Path sealedFile)
            throws OutboxException {
        long incoming;
        try {
            incoming = Files.size(sealedFile);
        } catch (IOException e) {
            throw new OutboxException("Cannot size snapshot " + snapshot.snapshotId() + ": "
                    + e.getMessage(), e);
        }
        if (snapshot.kind() == EventKind.HEARTBEAT) {
            requireRoomForHeartbeat(snapshot.snapshotId(), incoming);
            return delegate.add(snapshot, sealedFile);
        }
        switch (OverflowPolicy.plan(delegate.held(), incoming, budgetBytes)) {
            case OverflowPolicy.Plan.DoesNotFit tooBig -> throw new OutboxException(
                    "Cannot keep snapshot " + snapshot.snapshotId() + " in the outbox: it needs "
                            + tooBig.neededBytes() + " bytes next to the oldest undelivered"
                            + " snapshot, more than the budget of " + budgetBytes
                            + " bytes (capture.outbox.max-bytes)", null);
            case OverflowPolicy.Plan.Fits fits -> evict(fits.evict(), snapshot.snapshotId());
        }
        return delegate.add(snapshot, sealedFile);
    }

    private void requireRoomForHeartbeat(SnapshotId heartbeat, long incoming)
            throws OutboxException {
        long used = delegate.held().stream().mapToLong(Held::sealedBytes).sum();
        if (used + incoming > budgetBytes) {
            throw new OutboxException("Cannot keep heartbeat " + heartbeat + " in the outbox: it"
                    + " is full (" + used + " of " + budgetBytes + " bytes,"
                    + " capture.outbox.max-bytes), and no snapshot is dropped for a heartbeat",
                    null);
        }
    }

    private void evict(List<Held> victims, SnapshotId newcomer) throws OutboxException {
        for (Held victim : victims) {
            String reason = "dropped to keep the outbox within its budget of " + budgetBytes
                    + " bytes while snapshots could not be published; made room for " + newcomer;
            delegate.evict(victim.snapshotId(), reason);
            LOG.error("DROPPED unpublished snapshot {} (sequence {}, {} bytes) from the outbox: {}."
                            + " The oldest undelivered and the newest snapshots are kept.",
                    victim.snapshotId(), victim.sequence(), victim.sealedBytes(), reason);
        }
        if (!victims.isEmpty()) {
            status.failed(AgentStatus.Part.OUTBOX_BUDGET, "The outbox budget of " + budgetBytes
                    + " bytes is exhausted: " + delegate.evicted() + " unpublished snapshot(s)"
                    + " dropped so far (see the log); is the bus reachable?");
        }
    }

    @Override
    public void remove(SnapshotId snapshotId) throws OutboxException {
        delegate.remove(snapshotId);
        if (delegate.depth() == 0) {
            status.succeeded(AgentStatus.Part.OUTBOX_BUDGET);
        }
    }

    @Override
    public long nextSequence() throws OutboxException {
        return delegate.nextSequence();
    }

    @Override
    public Optional<OutboxEntry> oldest() throws OutboxException {
        return delegate.oldest();
    }

    @Override
    public void markDamaged(SnapshotId snapshotId, String reason) throws OutboxException {
        delegate.markDamaged(snapshotId, reason);
    }

    @Override
    public int depth() throws OutboxException {
        return delegate.depth();
    }

    @Override
    public int damaged() throws OutboxException {
        return delegate.damaged();
    }

    @Override
    public List<Held> held() throws OutboxException {
        return delegate.held();
    }

    @Override
    public void evict(SnapshotId snapshotId, String reason) throws OutboxException {
        delegate.evict(snapshotId, reason);
    }

    @Override
    public long evicted() throws OutboxException {
        return delegate.evicted();
    }

    @Override
    public Optional<LastSnapshot> lastSnapshot() throws OutboxException {
        return delegate.lastSnapshot();
    }

    @Override
    public boolean awaitEntries(Duration timeout) throws InterruptedException {
        return delegate.awaitEntries(timeout);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
