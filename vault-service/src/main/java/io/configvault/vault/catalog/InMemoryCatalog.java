package io.configvault.vault.catalog;

import java.util.function.UnaryOperator;

/**
 * {@link Catalog}, {@link VerificationLog}, {@link PolicyCatalog}, {@link PruneCatalog},
 * {@link AuditLog}, {@link ApiTokenCatalog}, {@link FleetCatalog} and
 * {@link SnapshotRequestCatalog} in memory, for unit tests: one part per role
 * ({@link InMemoryIndex}, {@link InMemoryVerifications}, {@link InMemoryPolicies},
 * {@link InMemoryPruning}, {@link InMemoryAuditLog}, {@link InMemoryApiTokens},
 * {@link InMemoryFleet}, {@link InMemorySnapshotRequests}), each reachable by its accessor, and
 * every role's methods forwarded to its part, as {@link SqliteCatalog} does. The parts share one
 * {@link InMemoryState}, whose monitor serialises what SQLite does in one transaction.
 * Thread-safe.
 */
public final class InMemoryCatalog implements ForwardingCatalog, ForwardingVerificationLog,
        ForwardingPolicyCatalog, ForwardingPruneCatalog, ForwardingAuditLog,
        ForwardingApiTokenCatalog, ForwardingFleetCatalog, ForwardingSnapshotRequestCatalog {

    private final InMemoryIndex index;
    private final InMemoryVerifications verifications;
    private final InMemoryPolicies policies;
    private final InMemoryPruning pruning;
    private final InMemoryAuditLog audit;
    private final InMemoryApiTokens apiTokens = new InMemoryApiTokens();
    private final InMemoryFleet fleet;
    private final InMemorySnapshotRequests requests;

    public InMemoryCatalog() {
        InMemoryState state = new InMemoryState();
        index = new InMemoryIndex(state);
        verifications = new InMemoryVerifications(state);
        policies = new InMemoryPolicies(state);
        audit = new InMemoryAuditLog(state);
        pruning = new InMemoryPruning(state, audit);
        fleet = new InMemoryFleet(state);
        requests = new InMemorySnapshotRequests(state);
    }

    @Override
    public Catalog index() {
        return index;
    }

    @Override
    public VerificationLog verificationLog() {
        return verifications;
    }

    @Override
    public PolicyCatalog policyCatalog() {
        return policies;
    }

    @Override
    public PruneCatalog pruneCatalog() {
        return pruning;
    }

    @Override
    public AuditLog auditLog() {
        return audit;
    }

    @Override
    public ApiTokenCatalog apiTokenCatalog() {
        return apiTokens;
    }

    @Override
    public FleetCatalog fleetCatalog() {
        return fleet;
    }

    @Override
    public SnapshotRequestCatalog snapshotRequestCatalog() {
        return requests;
    }

    /**
     * Replaces record {@code seq} as stored, as a hand outside the vault could edit the SQLite
     * file: for tests of the chain's verifier.
     */
    public void tamper(long seq, UnaryOperator<AuditRecord> edit) {
        audit.tamper(seq, edit);
    }

    /** Removes record {@code seq}, as a hand outside the vault could: for verifier tests. */
    public void erase(long seq) {
        audit.erase(seq);
    }
}
