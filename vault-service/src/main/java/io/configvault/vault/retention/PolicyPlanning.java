package io.configvault.vault.retention;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Plans with the appliance's effective policy ({@link Policies#effective}: its own, else its
 * fleet's, else the vault's), read from the catalog at each plan, and the planner.
 */
public final class PolicyPlanning implements Planning {

    /** {@link RetentionPlanner#plan}, as a function (tests check the policy it is given). */
    @FunctionalInterface
    public interface Planner {
        AppliancePlan plan(String applianceId, @Nullable StoredPolicy policy,
                           List<Candidate> snapshots, Instant now);
    }

    private final PolicyCatalog policies;
    private final Planner planner;

    public PolicyPlanning(PolicyCatalog policies, Planner planner) {
        this.policies = policies;
        this.planner = planner;
    }

    @Override
    public Planned plan(ApplianceRef appliance, List<Candidate> candidates, Instant now)
            throws CatalogException {
        StoredPolicy policy = Policies.effective(policies::policy, appliance.applianceId(),
                appliance.fleet()).orElse(null);
        return new Planned(planner.plan(appliance.applianceId(), policy, candidates, now),
                policy);
    }
}
