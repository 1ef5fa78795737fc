package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link VerificationLog} that forwards every call to {@link #verificationLog()}: how {@link
 * SqliteCatalog} and {@link InMemoryCatalog} play this role while one class per role implements
 * it.
 */
interface ForwardingVerificationLog extends VerificationLog {

    /** The part that implements {@link VerificationLog}. */
    VerificationLog verificationLog();

    @Override
    default void recordVerification(Verification verification) throws CatalogException {
        verificationLog().recordVerification(verification);
    }

    @Override
    default Optional<Verification> latestVerification(SnapshotId snapshotId)
            throws CatalogException {
        return verificationLog().latestVerification(snapshotId);
    }

    @Override
    default List<SnapshotRecord> dueForVerification(int limit) throws CatalogException {
        return verificationLog().dueForVerification(limit);
    }

    @Override
    default List<SnapshotRecord> newestNotVerifiedSince(Instant since, int limit)
            throws CatalogException {
        return verificationLog().newestNotVerifiedSince(since, limit);
    }

    @Override
    default long snapshotCount() throws CatalogException {
        return verificationLog().snapshotCount();
    }

    @Override
    default long failingVerificationCount() throws CatalogException {
        return verificationLog().failingVerificationCount();
    }
}
