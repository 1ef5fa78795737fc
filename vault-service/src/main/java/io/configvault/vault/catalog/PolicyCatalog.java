package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Retention policies and holds in the catalog. A hold is only placed on a live snapshot (one that
 * exists and is not tombstoned), and a snapshot with a hold is never tombstoned: both checks run
 * in the transaction of the write, so a hold and a pass racing each other never both win.
 * Implementations are thread-safe; failures are {@link CatalogException}.
 */
public interface PolicyCatalog {

    /** Sets (creates or replaces) the policy of a scope. */
    void putPolicy(StoredPolicy policy) throws CatalogException;

    Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException;

    /** Every policy, vault first, then fleets, then appliances, each by id. */
    List<StoredPolicy> policies() throws CatalogException;

    /** @return false when the scope had no policy */
    boolean deletePolicy(PolicyScope scope) throws CatalogException;

    /**
     * Places (or replaces the reason of) a hold on a live snapshot.
     *
     * @return false when the snapshot does not exist or is tombstoned (nothing is written)
     */
    boolean hold(Hold hold) throws CatalogException;

    /** @return false when the snapshot had no hold */
    boolean release(SnapshotId snapshot) throws CatalogException;

    Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException;
}
