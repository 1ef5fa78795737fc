package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SnapshotRequestCatalog} in memory, for {@link InMemoryCatalog}. */
final class InMemorySnapshotRequests implements SnapshotRequestCatalog {

    private final InMemoryState state;
    /** Snapshot request rows by request id, then appliance id. */
    private final Map<SnapshotId, TreeMap<String, SnapshotRequestRow>> requests =
            new ConcurrentHashMap<>();

    InMemorySnapshotRequests(InMemoryState state) {
        this.state = state;
    }

    @Override
    public boolean addSnapshotRequest(SnapshotRequestRow row) {
        synchronized (state) {
            return requests.computeIfAbsent(row.requestId(), id -> new TreeMap<>())
                    .putIfAbsent(row.applianceId(), row) == null;
        }
    }

    @Override
    public boolean fulfil(SnapshotId requestId, String applianceId, SnapshotId snapshot,
                          Instant at) {
        synchronized (state) {
            TreeMap<String, SnapshotRequestRow> rows = requests.get(requestId);
            SnapshotRequestRow row = rows == null ? null : rows.get(applianceId);
            if (row == null || row.fulfilledBy() != null) {
                return false;
            }
            rows.put(applianceId, row.fulfilled(snapshot, at));
            return true;
        }
    }

    @Override
    public List<SnapshotRequestRow> snapshotRequest(SnapshotId requestId,
                                                    @Nullable String afterAppliance, int limit) {
        synchronized (state) {
            TreeMap<String, SnapshotRequestRow> rows = requests.get(requestId);
            if (rows == null) {
                return List.of();
            }
            return rows.tailMap(afterAppliance == null ? "" : afterAppliance, false).values()
                    .stream().limit(limit).toList();
        }
    }

    @Override
    public Progress snapshotRequestProgress(SnapshotId requestId) {
        synchronized (state) {
            TreeMap<String, SnapshotRequestRow> rows = requests.getOrDefault(requestId,
                    new TreeMap<>());
            return new Progress(rows.size(), (int) rows.values().stream()
                    .filter(row -> row.fulfilledBy() != null).count());
        }
    }

    @Override
    public List<String> fleetAppliances(String fleet, @Nullable String after, int limit) {
        synchronized (state) {
            return state.appliances.values().stream().filter(a -> a.fleet().equals(fleet))
                    .map(Appliance::id).filter(id -> after == null || id.compareTo(after) > 0)
                    .sorted().limit(limit).toList();
        }
    }
}
