package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PolicyCatalog} in memory, for {@link InMemoryCatalog}. */
final class InMemoryPolicies implements PolicyCatalog {

    private final InMemoryState state;
    /** Policies by scope key. */
    private final Map<String, StoredPolicy> policies = new ConcurrentHashMap<>();

    InMemoryPolicies(InMemoryState state) {
        this.state = state;
    }

    @Override
    public void putPolicy(StoredPolicy policy) {
        synchronized (state) {
            policies.put(policy.scope().key(), policy);
        }
    }

    @Override
    public Optional<StoredPolicy> policy(PolicyScope scope) {
        synchronized (state) {
            return Optional.ofNullable(policies.get(scope.key()));
        }
    }

    @Override
    public List<StoredPolicy> policies() {
        synchronized (state) {
            return policies.values().stream().sorted(Comparator.comparing((StoredPolicy p) ->
                    switch (p.scope()) {
                        case PolicyScope.Vault vault -> 0;
                        case PolicyScope.Fleet fleet -> 1;
                        case PolicyScope.Appliance appliance -> 2;
                    }).thenComparing(p -> p.scope().key())).toList();
        }
    }

    @Override
    public boolean deletePolicy(PolicyScope scope) {
        synchronized (state) {
            return policies.remove(scope.key()) != null;
        }
    }

    /** Serialised with the prune pass's tombstones: a hold and a tombstone never both win. */
    @Override
    public boolean hold(Hold hold) {
        synchronized (state) {
            if (!state.snapshots.containsKey(hold.snapshotId())
                    || state.tombstones.containsKey(hold.snapshotId())) {
                return false;
            }
            state.holds.put(hold.snapshotId(), hold);
            return true;
        }
    }

    @Override
    public boolean release(SnapshotId snapshot) {
        synchronized (state) {
            return state.holds.remove(snapshot) != null;
        }
    }

    @Override
    public Optional<Hold> holdOf(SnapshotId snapshot) {
        synchronized (state) {
            return Optional.ofNullable(state.holds.get(snapshot));
        }
    }
}
