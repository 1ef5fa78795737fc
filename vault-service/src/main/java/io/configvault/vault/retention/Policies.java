package io.configvault.vault.retention;

import java.util.Optional;

/** Finds the policy that applies to an appliance: its own, else its fleet's, else the vault's. */
public final class Policies {

    /** Where policies are looked up (the catalog, or a map in a test). */
    @FunctionalInterface
    public interface Lookup<E extends Exception> {
        Optional<StoredPolicy> policy(PolicyScope scope) throws E;
    }

    private Policies() {
    }

    /** The most specific policy for the appliance, or empty when none applies. */
    public static <E extends Exception> Optional<StoredPolicy> effective(Lookup<E> lookup,
            String applianceId, String fleet) throws E {
        Optional<StoredPolicy> own = lookup.policy(new PolicyScope.Appliance(applianceId));
        if (own.isPresent()) {
            return own;
        }
        Optional<StoredPolicy> fleets = lookup.policy(new PolicyScope.Fleet(fleet));
        if (fleets.isPresent()) {
            return fleets;
        }
        return lookup.policy(PolicyScope.VAULT);
    }
}
