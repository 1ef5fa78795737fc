package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.Candidate;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link PruneCatalog} in memory, for {@link InMemoryCatalog}. A tombstone's audit records are
 * appended to {@code audit} under the state's monitor, as SQLite writes them in the tombstone's
 * transaction.
 */
final class InMemoryPruning implements PruneCatalog {

    private final InMemoryState state;
    private final InMemoryAuditLog audit;
    private Instant lastPass;

    InMemoryPruning(InMemoryState state, InMemoryAuditLog audit) {
        this.state = state;
        this.audit = audit;
    }

    @Override
    public List<ApplianceRef> appliancesWithSnapshots(@Nullable String afterId, int limit) {
        synchronized (state) {
            Map<String, SnapshotRecord> newest = new TreeMap<>();
            state.live().filter(s -> afterId == null || s.applianceId().compareTo(afterId) > 0)
                    .forEach(s -> newest.merge(s.applianceId(), s,
                            (a, b) -> InMemoryState.NEWEST_FIRST.compare(a, b) <= 0 ? a : b));
            return newest.values().stream().limit(limit)
                    .map(s -> new ApplianceRef(s.applianceId(), s.fleet())).toList();
        }
    }

    @Override
    public List<Candidate> candidates(String applianceId) {
        synchronized (state) {
            return state.newestFirst(applianceId, Integer.MAX_VALUE).stream()
                    .map(s -> new Candidate(s.id(), s.sequence(), s.trigger(), s.capturedAt(),
                            s.storedAt(), s.timeZone(), state.holds.containsKey(s.id()),
                            state.latestVerification(s.id()).map(Verification::ok)
                                    .orElse(false),
                            s.retainUntil() == null ? null : Instant.ofEpochMilli(
                                    s.retainUntil().toEpochMilli()))).toList();
        }
    }

    @Override
    public List<SnapshotRecord> tombstone(List<Deletion> deletions, Instant at) {
        synchronized (state) {
            List<SnapshotRecord> done = new ArrayList<>();
            for (Deletion deletion : deletions) {
                SnapshotRecord row = state.snapshots.get(deletion.id());
                if (row == null || !state.live(row) || state.holds.containsKey(row.id())
                        || row.retainUntil() != null && row.retainUntil().isAfter(at)) {
                    continue;
                }
                state.tombstones.put(row.id(), Instant.ofEpochMilli(at.toEpochMilli()));
                audit.audit(at, deletion.actor(), DELETE_ACTION, row.id().toString(), "ok",
                        deletion.detail(), AuditLog.INTERNAL);
                done.add(row);
            }
            return done;
        }
    }

    @Override
    public List<SnapshotRecord> tombstoned(int limit) {
        synchronized (state) {
            return state.tombstones.entrySet().stream()
                    .sorted(Map.Entry.<SnapshotId, Instant>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).map(e -> state.snapshots.get(e.getKey())).toList();
        }
    }

    @Override
    public int purge(List<SnapshotId> ids) {
        synchronized (state) {
            int purged = 0;
            for (SnapshotId id : ids) {
                if (state.tombstones.remove(id) != null) {
                    state.snapshots.remove(id);
                    state.verifications.remove(id);
                    state.holds.remove(id);
                    state.manifests.remove(id);
                    purged++;
                }
            }
            return purged;
        }
    }

    @Override
    public Optional<Instant> newestStoredAt() {
        synchronized (state) {
            return state.snapshots.values().stream().map(s -> Instant.ofEpochMilli(
                    s.storedAt().toEpochMilli())).max(Comparator.naturalOrder());
        }
    }

    @Override
    public Optional<Instant> lastPassAt() {
        synchronized (state) {
            return Optional.ofNullable(lastPass);
        }
    }

    @Override
    public void recordPass(Instant startedAt) {
        Instant millis = Instant.ofEpochMilli(startedAt.toEpochMilli());
        synchronized (state) {
            if (lastPass == null || millis.isAfter(lastPass)) {
                lastPass = millis;
            }
        }
    }
}
