package io.configvault.vault.api;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /api/v1/appliances/{applianceId}}: an enrolled appliance and when it was seen. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApplianceController {

    private final Catalog catalog;
    private final FleetGuard guard;

    ApplianceController(Catalog catalog, FleetGuard guard) {
        this.catalog = catalog;
        this.guard = guard;
    }

    @Allowed(Role.VIEWER)
    @Get("/appliances/{applianceId}")
    ApplianceView show(@PathVariable String applianceId, HttpRequest<?> request)
            throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        Appliance appliance = catalog.appliance(applianceId)
                .orElseThrow(() -> ApiProblem.notFound("No appliance " + applianceId + "."));
        guard.require(request, appliance.fleet(), "appliance.show", applianceId,
                ApiProblem.notFound("No appliance " + applianceId + "."));
        return ApplianceView.of(appliance, catalog.seen(applianceId));
    }
}
