package io.configvault.vault.api;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.fleet.ApplianceState;
import io.configvault.vault.fleet.ApplianceStatus;
import io.configvault.vault.fleet.FleetView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fleet view: {@code GET /api/v1/appliances} (paged by appliance id, filtered by fleet and
 * status) and {@code GET /api/v1/appliances/{applianceId}}. A caller sees only the appliances of
 * its fleets; another fleet's appliance answers exactly like an unknown one (404), and the
 * attempt is audited as {@code denied}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApplianceController {

    static final int MAX_PAGE = 1000;

    private final FleetView fleet;
    private final FleetGuard guard;

    ApplianceController(FleetView fleet, FleetGuard guard) {
        this.fleet = fleet;
        this.guard = guard;
    }

    @Allowed(Role.VIEWER)
    @Get("/appliances")
    ApplianceView.Page list(HttpRequest<?> request, @Nullable @QueryValue String fleet,
                            @Nullable @QueryValue String status,
                            @Nullable @QueryValue String after,
                            @QueryValue(defaultValue = "100") int limit) throws CatalogException {
        if (fleet != null && !Identifiers.isName(fleet)) {
            throw ApiProblem.badRequest("Invalid fleet: give a fleet name.");
        }
        if (after != null && !Identifiers.isName(after)) {
            throw ApiProblem.badRequest("Invalid after: give the appliance id that ended the"
                    + " previous page (its next).");
        }
        ApplianceStatus wanted = status == null ? null : ApplianceStatus.fromWire(status)
                .orElseThrow(() -> ApiProblem.badRequest("Invalid status: give one of never,"
                        + " failing, stale, healthy."));
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        Caller caller = Caller.of(request);
        Set<String> fleets;
        if (fleet != null) {
            if (!caller.canSee(fleet)) {
                // As for a fleet without appliances: no hint that it exists.
                return new ApplianceView.Page(List.of(), null);
            }
            fleets = Set.of(fleet);
        } else {
            fleets = caller.fleets().contains(Caller.ALL_FLEETS) ? null : caller.fleets();
        }
        FleetView.Page page = this.fleet.page(after, fleets, wanted, limit);
        List<ApplianceView> items = new ArrayList<>(page.items().size());
        for (ApplianceState state : page.items()) {
            items.add(ApplianceView.of(state));
        }
        return new ApplianceView.Page(items, page.next());
    }

    @Allowed(Role.VIEWER)
    @Get("/appliances/{applianceId}")
    ApplianceView show(@PathVariable String applianceId, HttpRequest<?> request)
            throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        ApplianceState state = fleet.state(applianceId).orElseThrow(() -> notFound(applianceId));
        guard.require(request, state.appliance().fleet(), "appliance.read", applianceId,
                notFound(applianceId));
        return ApplianceView.of(state);
    }

    /** The one answer for an unknown appliance and for one the caller may not see. */
    static ApiProblem notFound(String applianceId) {
        return ApiProblem.notFound("No appliance " + applianceId + ".");
    }
}
