package io.configvault.vault.api;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.Labels;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRequestCatalog;
import io.configvault.vault.catalog.SnapshotRequestRow;
import io.configvault.vault.requests.CommandPublisher;
import io.configvault.vault.requests.SnapshotRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Remote snapshot requests (operator): {@code POST /appliances/{id}/snapshot-requests} and
 * {@code POST /fleets/{fleet}/snapshot-requests} with {@code {"label": "..."}} (optional; the
 * manual snapshot label rules) answer 202 with the request, whose appliances are pending;
 * {@code GET /snapshot-requests/{id}?after=&limit=} shows it. 400 malformed id or label; 404
 * unknown appliance, a fleet without appliances, an unknown request — and the same 404 for
 * anything of a fleet the caller may not see (audited {@code denied}); 503 when the command topic
 * did not take the request (its rows stay pending until they expire).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SnapshotRequestController {

    private static final int MAX_LIMIT = 500;
    private static final String CREATE = "snapshot-request.create";

    private final Catalog catalog;
    private final SnapshotRequestCatalog requestCatalog;
    private final SnapshotRequests requests;
    private final ApiAudit audit;
    private final Clock clock;

    SnapshotRequestController(Catalog catalog, SnapshotRequestCatalog requestCatalog,
                              SnapshotRequests requests, ApiAudit audit, Clock clock) {
        this.catalog = catalog;
        this.requestCatalog = requestCatalog;
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
    }

    @Allowed(Role.OPERATOR)
    @Post("/appliances/{applianceId}/snapshot-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<SnapshotRequestView> forAppliance(@PathVariable String applianceId,
                                                   @Body @Nullable byte[] body,
                                                   HttpRequest<?> request)
            throws CatalogException {
        if (!Identifiers.isName(applianceId)) {
            throw ApiProblem.badRequest("Invalid appliance id.");
        }
        String label = label(body);
        Optional<Appliance> appliance = catalog.appliance(applianceId);
        if (appliance.isEmpty() || !Caller.of(request).canSee(appliance.get().fleet())) {
            audit.record(request, CREATE, applianceId,
                    appliance.isEmpty() ? "not-found" : "denied", "");
            throw ApiProblem.notFound("No appliance " + applianceId + ".");
        }
        SnapshotRequests.Issued issued;
        try {
            issued = requests.forAppliance(applianceId, appliance.get().fleet(), label,
                    Caller.of(request).name());
        } catch (CommandPublisher.CommandPublishException e) {
            throw unpublished(request, applianceId, e);
        }
        return accepted(request, applianceId, issued);
    }

    @Allowed(Role.OPERATOR)
    @Post("/fleets/{fleet}/snapshot-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<SnapshotRequestView> forFleet(@PathVariable String fleet,
                                               @Body @Nullable byte[] body,
                                               HttpRequest<?> request) throws CatalogException {
        if (!Identifiers.isName(fleet)) {
            throw ApiProblem.badRequest("Invalid fleet.");
        }
        String label = label(body);
        String target = "fleet:" + fleet;
        if (!Caller.of(request).canSee(fleet)) {
            audit.record(request, CREATE, target, "denied", "");
            throw ApiProblem.notFound("No fleet " + fleet + ".");
        }
        SnapshotRequests.Issued issued;
        try {
            issued = requests.forFleet(fleet, label, Caller.of(request).name());
        } catch (CommandPublisher.CommandPublishException e) {
            throw unpublished(request, target, e);
        }
        if (issued.appliances() == 0) {
            audit.record(request, CREATE, target, "not-found", "");
            throw ApiProblem.notFound("No fleet " + fleet + ".");
        }
        return accepted(request, target, issued);
    }

    @Allowed(Role.VIEWER)
    @Get("/snapshot-requests/{requestId}{?after,limit}")
    SnapshotRequestView show(@PathVariable String requestId, @Nullable @QueryValue String after,
                             @Nullable @QueryValue Integer limit, HttpRequest<?> request)
            throws CatalogException {
        SnapshotId id = requestId(requestId);
        if (after != null && !Identifiers.isName(after)) {
            throw ApiProblem.badRequest("Invalid appliance id in after.");
        }
        int pageSize = limit == null ? 100 : limit;
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must lie between 1 and " + MAX_LIMIT + ".");
        }
        List<SnapshotRequestRow> page = requestCatalog.snapshotRequest(id, after, pageSize + 1);
        List<SnapshotRequestRow> first = after == null ? page
                : requestCatalog.snapshotRequest(id, null, 1);
        if (first.isEmpty() || !Caller.of(request).canSee(first.getFirst().fleet())) {
            audit.record(request, "snapshot-request.show", id.toString(),
                    first.isEmpty() ? "not-found" : "denied", "");
            throw ApiProblem.notFound("No snapshot request " + id + ".");
        }
        audit.record(request, "snapshot-request.show", id.toString(), "ok", "");
        if (page.isEmpty()) {
            return SnapshotRequestView.of(first, requestCatalog.snapshotRequestProgress(id),
                    clock.instant(), null).withoutAppliances();
        }
        String next = page.size() > pageSize ? page.get(pageSize - 1).applianceId() : null;
        return SnapshotRequestView.of(page.subList(0, Math.min(pageSize, page.size())),
                requestCatalog.snapshotRequestProgress(id), clock.instant(), next);
    }

    private static String label(byte[] body) {
        String label = JsonBody.parse(body, Set.of("label")).optional("label");
        String problem = Labels.problem(label);
        if (problem != null) {
            throw ApiProblem.badRequest(Character.toUpperCase(problem.charAt(0))
                    + problem.substring(1) + ".");
        }
        return label;
    }

    private static SnapshotId requestId(String text) {
        try {
            return SnapshotId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid snapshot request id.");
        }
    }

    private HttpResponse<SnapshotRequestView> accepted(HttpRequest<?> request, String target,
                                                       SnapshotRequests.Issued issued)
            throws CatalogException {
        audit.record(request, CREATE, target, "ok", "request " + issued.requestId() + " to "
                + issued.appliances() + " appliance(s)");
        List<SnapshotRequestRow> rows =
                requestCatalog.snapshotRequest(issued.requestId(), null, 100);
        String next = issued.appliances() > rows.size() ? rows.getLast().applianceId() : null;
        return HttpResponse.accepted().body(SnapshotRequestView.of(rows,
                requestCatalog.snapshotRequestProgress(issued.requestId()), clock.instant(), next));
    }

    private ApiProblem unpublished(HttpRequest<?> request, String target,
                                   CommandPublisher.CommandPublishException e)
            throws CatalogException {
        audit.record(request, CREATE, target, "failed", e.getMessage());
        return ApiProblem.unavailable("The snapshot request could not be sent to the agents: "
                + e.getMessage() + ". Try again later.");
    }
}
