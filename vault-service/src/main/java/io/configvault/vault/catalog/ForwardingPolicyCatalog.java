package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.util.List;
import java.util.Optional;

/**
 * A {@link PolicyCatalog} that forwards every call to {@link #policyCatalog()}: how {@link
 * SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role implements
 * it.
 */
interface ForwardingPolicyCatalog extends PolicyCatalog {

    /** The part that implements {@link PolicyCatalog}. */
    PolicyCatalog policyCatalog();

    @Override
    default void putPolicy(StoredPolicy policy) throws CatalogException {
        policyCatalog().putPolicy(policy);
    }

    @Override
    default Optional<StoredPolicy> policy(PolicyScope scope) throws CatalogException {
        return policyCatalog().policy(scope);
    }

    @Override
    default List<StoredPolicy> policies() throws CatalogException {
        return policyCatalog().policies();
    }

    @Override
    default boolean deletePolicy(PolicyScope scope) throws CatalogException {
        return policyCatalog().deletePolicy(scope);
    }

    @Override
    default boolean hold(Hold hold) throws CatalogException {
        return policyCatalog().hold(hold);
    }

    @Override
    default boolean release(SnapshotId snapshot) throws CatalogException {
        return policyCatalog().release(snapshot);
    }

    @Override
    default Optional<Hold> holdOf(SnapshotId snapshot) throws CatalogException {
        return policyCatalog().holdOf(snapshot);
    }
}
