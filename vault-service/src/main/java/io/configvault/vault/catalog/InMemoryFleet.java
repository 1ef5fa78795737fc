package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link FleetCatalog} in memory, for {@link InMemoryCatalog}. */
final class InMemoryFleet implements FleetCatalog {

    /** As SQLite orders the fleet view's pages: capture millisecond, then id, newest first. */
    private static final Comparator<SnapshotRecord> NEWEST_MS_FIRST = Comparator
            .comparing((SnapshotRecord s) -> s.capturedAt().toEpochMilli())
            .thenComparing(s -> s.id().toString()).reversed();

    private final InMemoryState state;
    private final Map<String, ApplianceError> refusals = new ConcurrentHashMap<>();
    private final Map<String, Agent> agents = new ConcurrentHashMap<>();

    private record Agent(Instant signedAt, String version) {
    }

    InMemoryFleet(InMemoryState state) {
        this.state = state;
    }

    @Override
    public List<Appliance> appliances(@Nullable String afterId, @Nullable Set<String> fleets,
                                      int limit) {
        synchronized (state) {
            return state.appliances.values().stream()
                    .filter(a -> afterId == null || a.id().compareTo(afterId) > 0)
                    .filter(a -> fleets == null || fleets.contains(a.fleet()))
                    .sorted(Comparator.comparing(Appliance::id)).limit(limit).toList();
        }
    }

    @Override
    public boolean recordRefusal(ApplianceError error) {
        synchronized (state) {
            if (!state.appliances.containsKey(error.applianceId())) {
                return false;
            }
            refusals.put(error.applianceId(), new ApplianceError(error.applianceId(),
                    Instant.ofEpochMilli(error.at().toEpochMilli()), error.category(),
                    error.reason()));
            return true;
        }
    }

    @Override
    public Optional<ApplianceError> lastRefusal(String applianceId) {
        return Optional.ofNullable(refusals.get(applianceId));
    }

    @Override
    public void recordAgent(String applianceId, Instant signedAt, String agentVersion) {
        Agent next = new Agent(Instant.ofEpochMilli(signedAt.toEpochMilli()), agentVersion);
        agents.merge(applianceId, next,
                (old, candidate) -> candidate.signedAt().isAfter(old.signedAt()) ? candidate : old);
    }

    @Override
    public Optional<String> agentVersion(String applianceId) {
        return Optional.ofNullable(agents.get(applianceId)).map(Agent::version);
    }

    @Override
    public List<SnapshotRecord> snapshots(String applianceId, SnapshotFilter f, int limit) {
        synchronized (state) {
            return state.live().filter(s -> s.applianceId().equals(applianceId))
                    .filter(s -> f.from() == null
                            || s.capturedAt().toEpochMilli() >= f.from().toEpochMilli())
                    .filter(s -> f.to() == null
                            || s.capturedAt().toEpochMilli() < f.to().toEpochMilli())
                    .filter(s -> f.trigger() == null || s.trigger() == f.trigger())
                    .filter(s -> f.label() == null || f.label().equals(s.label()))
                    .filter(s -> f.after() == null || before(s, f.after()))
                    .sorted(NEWEST_MS_FIRST).limit(limit).toList();
        }
    }

    private static boolean before(SnapshotRecord s, SnapshotFilter.Position after) {
        long ms = s.capturedAt().toEpochMilli();
        return ms < after.capturedAtMs() || ms == after.capturedAtMs()
                && s.id().toString().compareTo(after.id().toString()) < 0;
    }

    @Override
    public void putManifest(SnapshotId snapshotId, StoredManifest manifest) {
        state.manifests.putIfAbsent(snapshotId, manifest);
    }

    @Override
    public Optional<StoredManifest> manifest(SnapshotId snapshotId) {
        return Optional.ofNullable(state.manifests.get(snapshotId));
    }
}
