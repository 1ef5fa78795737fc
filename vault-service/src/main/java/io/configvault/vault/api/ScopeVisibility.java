package io.configvault.vault.api;

import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.retention.PolicyScope;
import jakarta.inject.Singleton;

/**
 * Which retention policy scopes a caller may see: the vault's always; a fleet's when the token
 * sees the fleet; an appliance's when it sees the appliance's fleet (an appliance not enrolled
 * yet only with a token of all fleets). Writing the vault's needs a token of all fleets.
 */
@Singleton
final class ScopeVisibility {

    private final Catalog catalog;

    ScopeVisibility(Catalog catalog) {
        this.catalog = catalog;
    }

    boolean visible(Caller caller, PolicyScope scope) throws CatalogException {
        return switch (scope) {
            case PolicyScope.Vault vault -> true;
            case PolicyScope.Fleet fleet -> caller.canSee(fleet.fleet());
            case PolicyScope.Appliance appliance -> caller.canSee(Caller.ALL_FLEETS)
                    || catalog.appliance(appliance.applianceId()).map(Appliance::fleet)
                    .filter(caller::canSee).isPresent();
        };
    }

    boolean writable(Caller caller, PolicyScope scope) throws CatalogException {
        return scope instanceof PolicyScope.Vault ? caller.canSee(Caller.ALL_FLEETS)
                : visible(caller, scope);
    }
}
