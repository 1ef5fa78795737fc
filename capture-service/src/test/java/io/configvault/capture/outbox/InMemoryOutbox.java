package io.configvault.capture.outbox;

import io.configvault.shared.event.EventKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox with its rows in memory and its spool files in a directory: for tests of the
 * pipeline and the publisher. Can be told to fail. Thread-safe.
 */
public final class InMemoryOutbox implements Outbox {

    private final Path spoolDir;
    private final Map<SnapshotId, OutboxEntry> entries = new LinkedHashMap<>();
    private final Map<SnapshotId, String> damaged = new LinkedHashMap<>();
    private final OutboxSignal signal = new OutboxSignal();
    private LastSnapshot lastSnapshot;
    private long sequence;
    private long evicted;
    private volatile boolean failing;

    public InMemoryOutbox(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    /** Makes every later operation fail (or work again). */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public synchronized long nextSequence() throws OutboxException {
        check();
        return ++sequence;
    }

    @Override
    public synchronized OutboxEntry add(NewSnapshot snapshot, Path sealedFile)
            throws OutboxException {
        check();
        try {
            Files.createDirectories(spoolDir);
            Path spoolFile = spoolDir.resolve(snapshot.snapshotId() + ".pgp");
            long size = Files.size(sealedFile);
            String sha256 = Sha256.of(sealedFile);
            Files.move(sealedFile, spoolFile, StandardCopyOption.ATOMIC_MOVE);
            OutboxEntry entry = new OutboxEntry(snapshot.snapshotId(), snapshot.sequence(),
                    snapshot.trigger(), snapshot.createdAt(), size, sha256, spoolFile,
                    snapshot.kind());
            entries.put(entry.snapshotId(), entry);
            if (snapshot.kind() == EventKind.SNAPSHOT) {
                lastSnapshot = snapshot.contentDigest() == null ? null
                        : new LastSnapshot(snapshot.snapshotId(), snapshot.contentDigest());
            }
            signal.raise();
            return entry;
        } catch (IOException e) {
            throw new OutboxException("Cannot put snapshot into the spool", e);
        }
    }

    @Override
    public synchronized Optional<OutboxEntry> oldest() throws OutboxException {
        check();
        return entries.values().stream()
                .filter(entry -> !damaged.containsKey(entry.snapshotId()))
                .min(Comparator.comparingLong(OutboxEntry::sequence));
    }

    @Override
    public synchronized void remove(SnapshotId snapshotId) throws OutboxException {
        check();
        OutboxEntry entry = entries.remove(snapshotId);
        damaged.remove(snapshotId);
        if (entry != null) {
            try {
                Files.deleteIfExists(entry.spoolFile());
            } catch (IOException e) {
                throw new OutboxException("Cannot delete spool file", e);
            }
        }
    }

    @Override
    public synchronized void markDamaged(SnapshotId snapshotId, String reason)
            throws OutboxException {
        check();
        if (entries.containsKey(snapshotId)) {
            damaged.putIfAbsent(snapshotId, reason);
            forgetIfLast(snapshotId);
        }
    }

    @Override
    public synchronized Optional<LastSnapshot> lastSnapshot() throws OutboxException {
        check();
        return Optional.ofNullable(lastSnapshot);
    }

    private void forgetIfLast(SnapshotId snapshotId) {
        if (lastSnapshot != null && lastSnapshot.snapshotId().equals(snapshotId)) {
            lastSnapshot = null;
        }
    }

    /** The reason an entry was marked damaged, if it was. */
    public synchronized Optional<String> damageOf(SnapshotId snapshotId) {
        return Optional.ofNullable(damaged.get(snapshotId));
    }

    @Override
    public synchronized int depth() throws OutboxException {
        check();
        return entries.size();
    }

    @Override
    public synchronized int damaged() throws OutboxException {
        check();
        return damaged.size();
    }

    @Override
    public synchronized List<Held> held() throws OutboxException {
        check();
        return entries.values().stream()
                .sorted(Comparator.comparingLong(OutboxEntry::sequence))
                .map(e -> new Held(e.snapshotId(), e.sequence(), e.sealedBytes(),
                        damaged.containsKey(e.snapshotId())))
                .toList();
    }

    @Override
    public synchronized void evict(SnapshotId snapshotId, String reason) throws OutboxException {
        check();
        if (entries.containsKey(snapshotId)) {
            remove(snapshotId);
            evicted++;
            forgetIfLast(snapshotId);
        }
    }

    @Override
    public synchronized long evicted() throws OutboxException {
        check();
        return evicted;
    }

    @Override
    public boolean awaitEntries(Duration timeout) throws InterruptedException {
        return signal.await(timeout);
    }

    @Override
    public void close() {
    }

    private void check() throws OutboxException {
        if (failing) {
            throw new OutboxException("Cannot use the outbox: failure injected by the test",
                    null);
        }
    }
}
