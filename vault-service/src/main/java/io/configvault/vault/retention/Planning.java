package io.configvault.vault.retention;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * The planning step of a pass and of a preview: which of an appliance's live snapshots go.
 * In production {@link PolicyPlanning} (the appliance's effective policy, then
 * {@link RetentionPlanner}); tests pass their own.
 */
@FunctionalInterface
public interface Planning {

    /**
     * A plan and the policy it followed.
     *
     * @param policy the effective policy, or null when none applies
     */
    record Planned(AppliancePlan plan, @Nullable StoredPolicy policy) {
    }

    /**
     * @param candidates the appliance's live snapshots
     * @param now        the vault's clock at the start of the pass
     */
    Planned plan(ApplianceRef appliance, List<Candidate> candidates, Instant now)
            throws CatalogException;
}
