package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What the parts of {@link InMemoryCatalog} share: the tables more than one role reads or writes,
 * and the questions they ask of them. Its monitor is the catalog's one lock: a part's method
 * that must be one step (as a SQLite transaction is) holds it, so parts racing each other (a hold
 * and a tombstone) are serialised as on one SQLite connection. Each part keeps the tables only
 * it uses.
 */
final class InMemoryState {

    /** Newest capture first, ties by id: as an appliance's snapshots are listed. */
    static final Comparator<SnapshotRecord> NEWEST_FIRST = Comparator
            .comparing(SnapshotRecord::capturedAt).thenComparing(SnapshotRecord::id).reversed();

    final Map<String, Appliance> appliances = new ConcurrentHashMap<>();
    final Map<SnapshotId, SnapshotRecord> snapshots = new ConcurrentHashMap<>();
    /** Tombstone time of each tombstoned snapshot (its row stays in {@link #snapshots}). */
    final Map<SnapshotId, Instant> tombstones = new ConcurrentHashMap<>();
    final Map<SnapshotId, Hold> holds = new ConcurrentHashMap<>();
    /** The latest verification of each snapshot. */
    final Map<SnapshotId, Verification> verifications = new ConcurrentHashMap<>();
    final Map<SnapshotId, StoredManifest> manifests = new ConcurrentHashMap<>();

    boolean live(SnapshotRecord snapshot) {
        return !tombstones.containsKey(snapshot.id());
    }

    /** The live rows, in no order. */
    Stream<SnapshotRecord> live() {
        return snapshots.values().stream().filter(this::live);
    }

    Optional<SnapshotRecord> liveSnapshot(SnapshotId id) {
        return Optional.ofNullable(snapshots.get(id)).filter(this::live);
    }

    /** The appliance's live snapshots, newest capture first, at most {@code limit}. */
    List<SnapshotRecord> newestFirst(String applianceId, long limit) {
        return live().filter(s -> s.applianceId().equals(applianceId))
                .sorted(NEWEST_FIRST).limit(limit).toList();
    }

    Optional<Verification> latestVerification(SnapshotId snapshotId) {
        return Optional.ofNullable(verifications.get(snapshotId));
    }
}
