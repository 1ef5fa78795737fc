package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link Catalog} that forwards every call to {@link #index()}: how {@link SqliteCatalog} and
 * {@link InMemoryCatalog} play this role while one class per role implements it.
 */
interface ForwardingCatalog extends Catalog {

    /** The part that implements {@link Catalog}. */
    Catalog index();

    @Override
    default void enrol(Appliance appliance) throws CatalogException {
        index().enrol(appliance);
    }

    @Override
    default Optional<Appliance> appliance(String applianceId) throws CatalogException {
        return index().appliance(applianceId);
    }

    @Override
    default void addEnrolmentToken(EnrolmentToken token) throws CatalogException {
        index().addEnrolmentToken(token);
    }

    @Override
    default Optional<EnrolmentToken> enrolmentToken(String tokenHash) throws CatalogException {
        return index().enrolmentToken(tokenHash);
    }

    @Override
    default Redemption redeem(TokenRedemption request) throws CatalogException {
        return index().redeem(request);
    }

    @Override
    default boolean insert(SnapshotRecord snapshot) throws CatalogException {
        return index().insert(snapshot);
    }

    @Override
    default boolean insert(SnapshotRecord snapshot, ConsumedPosition after)
            throws CatalogException {
        return index().insert(snapshot, after);
    }

    @Override
    default OptionalLong consumedPosition(String topic, int partition) throws CatalogException {
        return index().consumedPosition(topic, partition);
    }

    @Override
    default Optional<SnapshotRecord> snapshot(SnapshotId id) throws CatalogException {
        return index().snapshot(id);
    }

    @Override
    default Optional<SnapshotRecord> recorded(SnapshotId id) throws CatalogException {
        return index().recorded(id);
    }

    @Override
    default List<SnapshotRecord> snapshots(String applianceId, int limit)
            throws CatalogException {
        return index().snapshots(applianceId, limit);
    }

    @Override
    default boolean recordSeen(ApplianceSeen seen) throws CatalogException {
        return index().recordSeen(seen);
    }

    @Override
    default Optional<ApplianceSeen> seen(String applianceId) throws CatalogException {
        return index().seen(applianceId);
    }
}
