package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link VerificationLog} in memory, for {@link InMemoryCatalog}. */
final class InMemoryVerifications implements VerificationLog {

    private final InMemoryState state;

    InMemoryVerifications(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void recordVerification(Verification v) {
        state.verifications.put(v.snapshotId(), new Verification(v.snapshotId(),
                Instant.ofEpochMilli(v.verifiedAt().toEpochMilli()), v.outcome(), v.trigger(),
                v.evidence()));
    }

    @Override
    public Optional<Verification> latestVerification(SnapshotId snapshotId) {
        return state.latestVerification(snapshotId);
    }

    @Override
    public List<SnapshotRecord> dueForVerification(int limit) {
        synchronized (state) {
            return state.live()
                    .sorted(Comparator.comparing(this::due).thenComparing(SnapshotRecord::id))
                    .limit(limit).toList();
        }
    }

    @Override
    public List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit) {
        Instant cutoff = Instant.ofEpochMilli(since.toEpochMilli());
        synchronized (state) {
            return state.live().map(SnapshotRecord::applianceId).distinct().sorted()
                    .map(appliance -> state.newestFirst(appliance, 1).getFirst())
                    .filter(s -> state.latestVerification(s.id())
                            .map(v -> v.verifiedAt().isBefore(cutoff)).orElse(true))
                    .limit(limit).toList();
        }
    }

    @Override
    public long snapshotCount() {
        synchronized (state) {
            return state.live().count();
        }
    }

    @Override
    public long failingVerificationCount() {
        synchronized (state) {
            return state.verifications.values().stream()
                    .filter(v -> !v.ok() && state.liveSnapshot(v.snapshotId()).isPresent())
                    .count();
        }
    }

    /** Latest verification time, else storage time; to the millisecond like SQLite. */
    private Instant due(SnapshotRecord snapshot) {
        return state.latestVerification(snapshot.id()).map(Verification::verifiedAt)
                .orElse(Instant.ofEpochMilli(snapshot.storedAt().toEpochMilli()));
    }
}
