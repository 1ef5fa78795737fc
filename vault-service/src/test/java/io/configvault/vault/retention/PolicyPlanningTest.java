package io.configvault.vault.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PruneCatalog.ApplianceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner gets the appliance's own policy, else its fleet's, else the vault's. */
class PolicyPlanningTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final List<StoredPolicy> given = new ArrayList<>();
    final PolicyPlanning planning = new PolicyPlanning(catalog,
            (applianceId, policy, snapshots, now) -> {
                given.add(policy);
                return new AppliancePlan(applianceId, policy == null ? null
                        : policy.scope().key(), List.of(), List.of(), List.of(), 0);
            });

    static StoredPolicy policy(PolicyScope scope, int last) {
        return new StoredPolicy(scope, new RetentionPolicy(new RuleSet(last, 0, 0, 0, 0, 0,
                null, null, null, null, null, null), Map.of(), null), T0, "admin");
    }

    @Test
    void theMostSpecificPolicyApplies() throws Exception {
        StoredPolicy vault = policy(PolicyScope.VAULT, 1);
        StoredPolicy lab = policy(new PolicyScope.Fleet("lab"), 2);
        StoredPolicy nas1 = policy(new PolicyScope.Appliance("nas-1"), 3);

        planning.plan(new ApplianceRef("nas-1", "lab"), List.of(), T0);
        catalog.putPolicy(vault);
        planning.plan(new ApplianceRef("nas-1", "lab"), List.of(), T0);
        catalog.putPolicy(lab);
        planning.plan(new ApplianceRef("nas-1", "lab"), List.of(), T0);
        planning.plan(new ApplianceRef("fw-1", "edge"), List.of(), T0);
        catalog.putPolicy(nas1);
        Planning.Planned planned = planning.plan(new ApplianceRef("nas-1", "lab"), List.of(), T0);

        assertThat(given).containsExactly(null, vault, lab, vault, nas1);
        assertThat(planned.policy()).isEqualTo(nas1);
        assertThat(planned.plan().policy()).isEqualTo("appliance:nas-1");
    }
}
